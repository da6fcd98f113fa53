package io.slurmops.commands.runbook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The closed set of step actions. */
public final class Actions {

    private Actions() {
    }

    /**
     * Start, stop or restart a daemon. {@code ignoreState} starts slurmctld with {@code -i}: it
     * discards the state it cannot recover, so it destroys state and needs a verified copy first.
     */
    public record Service(Action.Verb verb, io.slurmops.commands.runbook.Service service, HostSet on,
                          boolean ignoreState) implements Action {
        public Service {
            if (ignoreState && (verb != Action.Verb.START || service != io.slurmops.commands.runbook.Service.SLURMCTLD)) {
                throw new IllegalArgumentException("only a start of slurmctld can ignore unrecoverable state");
            }
        }

        public String kind() {
            return verb.label();
        }

        public String describe() {
            return verb.label() + " " + service.label() + " on " + on.describe() + (ignoreState ? " with -i (ignore unrecoverable state)" : "");
        }

        public List<String> fields() {
            return List.of(service.label(), on.text(), ignoreState ? "ignore-state" : "");
        }

        public List<Template> templates() {
            return on.hostlist() == null ? List.of() : List.of(on.hostlist());
        }

        public Optional<DataKind> destroys() {
            return ignoreState ? Optional.of(DataKind.STATE) : Optional.empty();
        }

        public Optional<Check> inherentCheck() {
            if (verb != Action.Verb.STOP && service == io.slurmops.commands.runbook.Service.SLURMCTLD) {
                return Optional.of(new Check.ControllerResponds(true));
            }
            if (verb != Action.Verb.STOP && service == io.slurmops.commands.runbook.Service.SLURMDBD) {
                return Optional.of(new Check.DbdResponds());
            }
            return Optional.of(new Check.ServiceState(service, on, verb != Action.Verb.STOP));
        }

        public Optional<ServiceChange> serviceChange() {
            return Optional.of(new ServiceChange(verb, service, on));
        }
    }

    /** Copy a directory and verify the copy against a SHA-256 manifest of the source. */
    public record CopyDirectory(Template from, Template to, boolean verify) implements Action {
        public String kind() {
            return "copy";
        }

        public String describe() {
            return "copy " + from + " to " + to + (verify ? ", verified by SHA-256 manifest" : ", NOT verified");
        }

        public List<String> fields() {
            return List.of(from.text(), to.text(), verify ? "verify" : "no-verify");
        }

        public List<Template> templates() {
            return List.of(from, to);
        }

        public Optional<Check> inherentCheck() {
            return verify ? Optional.of(new Check.ManifestMatches(to)) : Optional.empty();
        }

        /** A verified copy protects what its source holds, when the source is one declared typed directory. */
        public Optional<DataKind> verifiedBackupOf(Map<String, Parameter> declared) {
            if (!verify) {
                return Optional.empty();
            }
            return declared.values().stream().filter(p -> from.isOnly(p.name())).findFirst()
                    .flatMap(p -> p.type().holds());
        }
    }

    /** Dump the accounting database (gzipped), verified by a restore into the scratch schema. */
    public record DbDump(Template to, boolean verify) implements Action {
        public String kind() {
            return "db-dump";
        }

        public String describe() {
            return "dump the accounting database to " + to + (verify ? ", verified by a scratch restore" : ", NOT verified");
        }

        public List<String> fields() {
            return List.of(to.text(), verify ? "verify" : "no-verify");
        }

        public List<Template> templates() {
            return List.of(to);
        }

        public Optional<Check> inherentCheck() {
            return verify ? Optional.of(new Check.DumpRestores(to)) : Optional.empty();
        }

        public Optional<DataKind> verifiedBackupOf(Map<String, Parameter> declared) {
            return verify ? Optional.of(DataKind.ACCOUNTING_DB) : Optional.empty();
        }
    }

    /** Replace the accounting database with a dump. */
    public record DbRestore(Template from) implements Action {
        public String kind() {
            return "db-restore";
        }

        public String describe() {
            return "replace the accounting database with " + from;
        }

        public List<String> fields() {
            return List.of(from.text());
        }

        public List<Template> templates() {
            return List.of(from);
        }

        public Optional<DataKind> destroys() {
            return Optional.of(DataKind.ACCOUNTING_DB);
        }

        /** slurmdbd must stay stopped during a restore, so the check is the data itself, not dbd-responds. */
        public Optional<Check> inherentCheck() {
            return Optional.of(new Check.DbMatchesDump(from));
        }
    }

    /** Resume exactly the nodes this run set down; nodes people drained keep their state. */
    public record ResumeNodesSetDown() implements Action {
        public String kind() {
            return "resume-nodes-set-down";
        }

        public String describe() {
            return "resume the nodes this run set down (not nodes drained by people)";
        }

        public List<String> fields() {
            return List.of();
        }

        public List<Template> templates() {
            return List.of();
        }

        public Optional<Check> inherentCheck() {
            return Optional.of(new Check.NodesResponding(HostSet.SET_DOWN_BY_RUN));
        }
    }

    /** Wait until a check holds, or fail after the timeout. */
    public record WaitUntil(Check until, Duration timeout) implements Action {
        public String kind() {
            return "wait-until";
        }

        public String describe() {
            return "wait until " + until.describe() + " (at most " + timeout.toSeconds() + " s)";
        }

        public List<String> fields() {
            List<String> out = new ArrayList<>(List.of(Long.toString(timeout.toMillis()), until.kind()));
            out.addAll(until.fields());
            return out;
        }

        public List<Template> templates() {
            return until.templates();
        }

        public Optional<Check> inherentCheck() {
            return Optional.of(until);
        }
    }

    /** Put each state file slurmctld cannot read back from its {@code .old} copy (loses what came after). */
    public record UseOldState(Template dir) implements Action {
        public String kind() {
            return "use-old-state";
        }

        public String describe() {
            return "replace the state files slurmctld cannot read in " + dir + " with their .old copies";
        }

        public List<String> fields() {
            return List.of(dir.text());
        }

        public List<Template> templates() {
            return List.of(dir);
        }

        public Optional<DataKind> destroys() {
            return Optional.of(DataKind.STATE);
        }
    }

    /** Delete slurmctld's state files (every job slurmctld held is lost). */
    public record ClearState(Template dir) implements Action {
        public String kind() {
            return "clear-state";
        }

        public String describe() {
            return "delete the state files in " + dir + " (jobs are lost)";
        }

        public List<String> fields() {
            return List.of(dir.text());
        }

        public List<Template> templates() {
            return List.of(dir);
        }

        public Optional<DataKind> destroys() {
            return Optional.of(DataKind.STATE);
        }

        public Optional<Check> inherentCheck() {
            return Optional.of(new Check.StateCleared(dir));
        }
    }

}
