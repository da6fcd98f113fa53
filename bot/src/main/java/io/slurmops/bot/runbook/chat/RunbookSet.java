package io.slurmops.bot.runbook.chat;

import io.slurmops.bot.runbook.RunbookLoader;
import io.slurmops.commands.runbook.Runbook;
import io.slurmops.commands.runbook.RunbookProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runbooks this bot offers: the built-ins (packed into the jar from {@code config/runbooks/}, so a
 * checkout and the assembled distribution find the same ones) and the site's {@code runbooks.siteDir}.
 * Refused files are logged once at start and listed by {@code runbook list}.
 */
public final class RunbookSet {

    private static final Logger LOG = LoggerFactory.getLogger(RunbookSet.class);
    static final String BUILT_IN = "builtin:";

    private final Map<String, Runbook> runbooks;
    private final List<RunbookProblem> refused;

    public RunbookSet(RunbookLoader.Loaded loaded) {
        this.runbooks = loaded.runbooks();
        this.refused = loaded.refused();
    }

    /** Loads them and logs every refusal once. */
    public static RunbookSet load(String siteDir) {
        RunbookSet set = new RunbookSet(RunbookLoader.load(siteDir == null || siteDir.isBlank() ? null : Path.of(siteDir)));
        set.refused.forEach(p -> LOG.warn("runbook refused: {}", p));
        LOG.info("runbooks loaded: {}{}", String.join(", ", set.runbooks.keySet()),
                set.refused.isEmpty() ? "" : " (" + set.refused.size() + " refused, see `runbook list`)");
        return set;
    }

    public Optional<Runbook> get(String name) {
        return Optional.ofNullable(runbooks.get(name));
    }

    public Map<String, Runbook> all() {
        return runbooks;
    }

    public List<RunbookProblem> refused() {
        return refused;
    }

    static boolean builtIn(Runbook rb) {
        return rb.source().file().startsWith(BUILT_IN);
    }
}
