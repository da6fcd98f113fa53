package io.slurmops.bot.alerts;

import io.slurmops.adapters.os.ProcessUser;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.site.ClusterAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps slurmctld's triggers in line with this install: sets the ones that are missing (each runs
 * the wrapper {@link TriggerScripts} wrote for its event) and clears the ones whose program is gone.
 */
final class TriggerRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerRegistration.class);

    private final ClusterAccess cluster;
    private final TriggerScripts scripts;
    private final String slurmUser;

    TriggerRegistration(ClusterAccess cluster, TriggerScripts scripts, String slurmUser) {
        this.cluster = cluster;
        this.scripts = scripts;
        this.slurmUser = slurmUser;
    }

    /** @param events strigger event flag → probe (see {@link TriggerSource#EVENTS}) */
    void register(Map<String, String> events) {
        ExecResult existing = cluster.slurm(asSlurmUser(List.of("strigger", "--get")));
        String have = existing.stdout();
        clearOrphans(have);
        for (Map.Entry<String, String> e : events.entrySet()) {
            String event = e.getKey().substring(2);
            Path wrapper = scripts.wrapper(event);
            try {
                scripts.writeWrapper(event);
            } catch (IOException ex) {
                LOG.warn("cannot write trigger wrapper {}: {}", wrapper, ex.getMessage());
                continue;
            }
            if (have.contains(wrapper.toString())) {
                continue;
            }
            List<String> argv = new ArrayList<>(List.of("strigger", "--set", e.getKey(), "--flags=PERM",
                    "--program=" + wrapper));
            if (e.getValue().equals("nodes")) {
                argv.add(2, "--node");
            }
            ExecResult r = cluster.slurm(asSlurmUser(argv));
            if (!r.ok()) {
                LOG.warn("strigger {} not set: {}", e.getKey(), r.combinedOutput().strip());
            } else {
                LOG.info("strigger {} set", e.getKey());
            }
        }
    }

    /**
     * Triggers are permanent cluster state: a slurmops whose spool is gone (a removed install, a test's
     * temporary directory) leaves triggers whose program no longer exists. They are removed here.
     */
    private void clearOrphans(String strigger) {
        for (String line : strigger.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 2 || !f[0].matches("\\d+")) {
                continue;
            }
            String program = f[f.length - 1];
            if (program.contains("/slurmops-trigger-") && !Files.exists(Path.of(program))) {
                ExecResult r = cluster.slurm(asSlurmUser(List.of("strigger", "--clear", "--id=" + f[0])));
                LOG.info("strigger {} for the missing program {} cleared: {}", f[0], program,
                        r.ok() ? "ok" : r.combinedOutput().strip());
            }
        }
    }

    /** slurmctld accepts triggers only from SlurmUser ("Attempt to set trigger by uid 0 != SlurmUser"). */
    private List<String> asSlurmUser(List<String> argv) {
        if (!ProcessUser.isRoot()) {
            return argv;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", slurmUser, "--"));
        wrapped.addAll(argv);
        return wrapped;
    }
}
