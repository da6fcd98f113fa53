package io.slurmops.commands.runbook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Slide 15's recreation of the accounting database as typed actions: the engine knows the dump of
 * the associations is what the load puts back, and that dropping the database destroys it.
 */
public final class AssocActions {

    private AssocActions() {
    }

    /**
     * {@code sacctmgr dump} of this cluster's associations to a file, plus the QOS it names (the dump
     * holds none, and a load on a fresh database fails on a QOS it does not know) and the association
     * list, both recorded on the run for the load and its check. Needs slurmdbd answering.
     */
    public record DumpAssociations(Template to) implements Action {
        public String kind() {
            return "assoc-dump";
        }

        public String describe() {
            return "sacctmgr dump of this cluster's associations (and its QOS) to " + to;
        }

        public List<String> fields() {
            return List.of(to.text());
        }

        public List<Template> templates() {
            return List.of(to);
        }

        public Optional<Check> inherentCheck() {
            return Optional.of(new Check.CommandSucceeds(List.of(Template.of("grep"), Template.of("-q"),
                    Template.of("^Cluster - '"), to), HostSet.CONTROLLER, Duration.ofSeconds(30)));
        }
    }

    /** DROP and CREATE the accounting database, then the grants its users had on it again. */
    public record RecreateDb() implements Action {
        public String kind() {
            return "db-recreate";
        }

        public String describe() {
            return "drop and create the accounting database (every row is lost) and grant its users again";
        }

        public List<String> fields() {
            return List.of();
        }

        public List<Template> templates() {
            return List.of();
        }

        public Optional<DataKind> destroys() {
            return Optional.of(DataKind.ACCOUNTING_DB);
        }

        public Optional<Check> inherentCheck() {
            return Optional.of(new Check.ServiceState(Service.MARIADB, HostSet.DBD_HOST, true));
        }
    }

    /**
     * Add the recorded QOS that are missing, then {@code sacctmgr load} of the dump; "Nothing new
     * added" (slurmctld registered the cluster itself) is not a failure.
     */
    public record LoadAssociations(Template from) implements Action {
        public String kind() {
            return "assoc-load";
        }

        public String describe() {
            return "add the dump's QOS, then sacctmgr load " + from;
        }

        public List<String> fields() {
            return List.of(from.text());
        }

        public List<Template> templates() {
            return List.of(from);
        }

        public Optional<Check> inherentCheck() {
            return Optional.of(new Check.AssocMatchesDump(from));
        }
    }
}
