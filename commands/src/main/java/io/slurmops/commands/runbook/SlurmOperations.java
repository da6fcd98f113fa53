package io.slurmops.commands.runbook;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which scontrol and sacctmgr sub-commands a runbook may use, and what they do. Anything else needs
 * a raw step with an explicit {@code destructive:} and {@code check:}.
 */
public final class SlurmOperations {

    static final Set<String> SCONTROL_READ = Set.of("ping", "show");
    static final Set<String> SCONTROL_CHANGE = Set.of("reconfigure", "update");
    static final Set<String> SACCTMGR_READ = Set.of("show", "list");
    static final Set<String> SACCTMGR_CHANGE = Set.of("add", "create", "modify", "update");
    static final Set<String> SACCTMGR_DELETE = Set.of("delete", "remove");

    private SlurmOperations() {
    }

    static boolean scontrolReadOnly(List<Template> args) {
        return SCONTROL_READ.contains(sub(args));
    }

    static boolean sacctmgrReadOnly(List<Template> args) {
        return SACCTMGR_READ.contains(sub(args));
    }

    static boolean sacctmgrDeletes(List<Template> args) {
        return SACCTMGR_DELETE.contains(sub(args));
    }

    /** Empty when the sub-command is allowed; otherwise why not. */
    static Optional<String> refusal(Action action) {
        if (action instanceof ArgvActions.Scontrol s && !SCONTROL_READ.contains(sub(s.args()))
                && !SCONTROL_CHANGE.contains(sub(s.args()))) {
            return Optional.of("scontrol `" + sub(s.args()) + "` is not a runbook operation (allowed: ping, show, reconfigure, update);"
                    + " use a `run:` step with `destructive:` and `check:`");
        }
        if (action instanceof ArgvActions.Sacctmgr s && !SACCTMGR_READ.contains(sub(s.args()))
                && !SACCTMGR_CHANGE.contains(sub(s.args())) && !SACCTMGR_DELETE.contains(sub(s.args()))) {
            return Optional.of("sacctmgr `" + sub(s.args()) + "` is not a runbook operation (allowed: show, list, add, create,"
                    + " modify, update, delete, remove)");
        }
        return Optional.empty();
    }

    /**
     * The seed's "mass outage" shortcut (slide 21): setting every node down or drained at once.
     * Empty when the argv is not one.
     */
    static Optional<String> massNodeOutage(List<Template> argv) {
        boolean all = false;
        boolean down = false;
        for (Template t : argv) {
            String a = t.text().toLowerCase(Locale.ROOT);
            all |= a.equals("nodename=all") || a.equals("nodes=all");
            down |= a.equals("state=down") || a.equals("state=drain");
        }
        return all && down ? Optional.of("sets every node down at once (slide 21: mass outage); a runbook stops"
                + " slurmd on a host set and resumes only the nodes it set down") : Optional.empty();
    }

    private static String sub(List<Template> args) {
        return args.isEmpty() ? "" : args.get(0).text().toLowerCase(Locale.ROOT);
    }
}
