package io.slurmops.commands.runbook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What must hold after a step (its check), before a step runs (its {@code when}), before the run
 * starts (a precondition), or at the end (the final verification). A closed set: the engine knows
 * how to test each one.
 */
public sealed interface Check {

    /** The YAML name of the check. */
    String kind();

    /** One line for people: what is tested. */
    String describe();

    /** The check's arguments as they stand in the canonical text (after the kind). */
    List<String> fields();

    /** Templates the check uses (their references must be declared). */
    default List<Template> templates() {
        return List.of();
    }

    /** {@code scontrol ping} says the primary is UP ({@code up}) or that no controller answers. */
    record ControllerResponds(boolean up) implements Check {
        public String kind() {
            return up ? "controller-up" : "controller-down";
        }

        public String describe() {
            return up ? "scontrol ping answers UP" : "slurmctld does not answer scontrol ping";
        }

        public List<String> fields() {
            return List.of();
        }
    }

    /** The service manager reports the service active (or inactive) on every host of the set. */
    record ServiceState(Service service, HostSet on, boolean active) implements Check {
        public String kind() {
            return active ? "service-active" : "service-inactive";
        }

        public String describe() {
            return service.label() + " is " + (active ? "active" : "stopped") + " on " + on.describe();
        }

        public List<String> fields() {
            return List.of(service.label(), on.text());
        }

        public List<Template> templates() {
            return on.hostlist() == null ? List.of() : List.of(on.hostlist());
        }
    }

    /** slurmctld sees every node of the set responding (no {@code *}, not DOWN/NOT_RESPONDING). */
    record NodesResponding(HostSet nodes) implements Check {
        public String kind() {
            return "nodes-responding";
        }

        public String describe() {
            return "slurmctld sees " + nodes.describe() + " responding";
        }

        public List<String> fields() {
            return List.of(nodes.text());
        }

        public List<Template> templates() {
            return nodes.hostlist() == null ? List.of() : List.of(nodes.hostlist());
        }
    }

    /** Every file of the copy matches the SHA-256 manifest taken from the source. */
    record ManifestMatches(Template dir) implements Check {
        public String kind() {
            return "manifest-matches";
        }

        public String describe() {
            return "every file in " + dir + " matches the source's SHA-256 manifest";
        }

        public List<String> fields() {
            return List.of(dir.text());
        }

        public List<Template> templates() {
            return List.of(dir);
        }
    }

    /** The dump restores into the scratch schema with the row counts of its own snapshot. */
    record DumpRestores(Template dump) implements Check {
        public String kind() {
            return "dump-restores";
        }

        public String describe() {
            return dump + " restores into the scratch schema with the row counts of its snapshot";
        }

        public List<String> fields() {
            return List.of(dump.text());
        }

        public List<Template> templates() {
            return List.of(dump);
        }
    }

    /**
     * The live accounting database holds exactly the dump's rows, table by table: what a restore must
     * leave (slurmdbd is still stopped then, so {@code dbd-responds} cannot tell).
     */
    record DbMatchesDump(Template dump) implements Check {
        public String kind() {
            return "db-matches-dump";
        }

        public String describe() {
            return "the accounting database has the row counts of " + dump;
        }

        public List<String> fields() {
            return List.of(dump.text());
        }

        public List<Template> templates() {
            return List.of(dump);
        }
    }

    /** slurmdbd answers ({@code sacctmgr show cluster}). */
    record DbdResponds() implements Check {
        public String kind() {
            return "dbd-responds";
        }

        public String describe() {
            return "slurmdbd answers sacctmgr show cluster";
        }

        public List<String> fields() {
            return List.of();
        }
    }

    /**
     * CHECK TABLE on every table of the accounting database says OK ({@code db-tables-ok}), or names at
     * least one damaged table ({@code db-tables-damaged}, for a {@code when:}).
     */
    record DbTables(boolean ok) implements Check {
        public String kind() {
            return ok ? "db-tables-ok" : "db-tables-damaged";
        }

        public String describe() {
            return ok ? "CHECK TABLE finds every accounting table OK" : "CHECK TABLE finds a damaged accounting table";
        }

        public List<String> fields() {
            return List.of();
        }
    }

    /** sacctmgr lists exactly the associations (account, user, partition) recorded when the dump was taken. */
    record AssocMatchesDump(Template dump) implements Check {
        public String kind() {
            return "assoc-matches-dump";
        }

        public String describe() {
            return "sacctmgr lists the associations recorded with " + dump;
        }

        public List<String> fields() {
            return List.of(dump.text());
        }

        public List<Template> templates() {
            return List.of(dump);
        }
    }

    /** slurmctld's log since the step began contains the text, e.g. "start with '-i'". */
    record ControllerLogSays(String text) implements Check {
        public String kind() {
            return "controller-log-says";
        }

        public String describe() {
            return "slurmctld's log says \"" + text + "\"";
        }

        public List<String> fields() {
            return List.of(text);
        }
    }

    /** The directory holds no state files any more. */
    record StateCleared(Template dir) implements Check {
        public String kind() {
            return "state-cleared";
        }

        public String describe() {
            return dir + " holds no state files";
        }

        public List<String> fields() {
            return List.of(dir.text());
        }

        public List<Template> templates() {
            return List.of(dir);
        }
    }

    /** Jobs in the backup's job state that slurmctld no longer knows are listed on the run. */
    record LostJobsListed(Template backup) implements Check {
        public String kind() {
            return "lost-jobs-listed";
        }

        public String describe() {
            return "jobs in " + backup + " that slurmctld no longer knows are listed";
        }

        public List<String> fields() {
            return List.of(backup.text());
        }

        public List<Template> templates() {
            return List.of(backup);
        }
    }

    /** An argv (no shell) exits 0 on every host of the set within the timeout. */
    record CommandSucceeds(List<Template> argv, HostSet on, Duration timeout) implements Check {
        public CommandSucceeds {
            argv = List.copyOf(argv);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("a command check needs an argv");
            }
        }

        public String kind() {
            return "command";
        }

        public String describe() {
            return argv.stream().map(Template::text).collect(Collectors.joining(" ")) + " exits 0 on " + on.describe();
        }

        public List<String> fields() {
            List<String> out = new ArrayList<>(List.of(on.text(), Long.toString(timeout.toMillis())));
            argv.forEach(t -> out.add(t.text()));
            return out;
        }

        public List<Template> templates() {
            List<Template> out = new ArrayList<>(argv);
            if (on.hostlist() != null) {
                out.add(on.hostlist());
            }
            return out;
        }
    }
}
