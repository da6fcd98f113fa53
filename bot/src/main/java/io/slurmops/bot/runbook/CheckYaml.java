package io.slurmops.bot.runbook;

import io.slurmops.commands.runbook.Check;
import io.slurmops.commands.runbook.HostSet;
import io.slurmops.commands.runbook.Service;
import io.slurmops.commands.runbook.Template;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a check: a bare name ({@code controller-up}) or a one-entry mapping from the check's name
 * to its argument ({@code {nodes-responding: all-nodes}}), with {@code on:} and {@code timeout:}
 * where the check takes them.
 */
final class CheckYaml {

    static final List<String> KINDS = List.of("controller-up", "controller-down", "dbd-responds", "service-active",
            "service-inactive", "nodes-responding", "manifest-matches", "dump-restores", "db-matches-dump", "state-cleared",
            "lost-jobs-listed", "controller-log-says", "db-tables-ok", "db-tables-damaged", "assoc-matches-dump", "command");

    private CheckYaml() {
    }

    static Optional<Check> read(YamlNode n) {
        if (n.json() != null && n.json().isTextual()) {
            return bare(n, n.json().asText());
        }
        List<String> kinds = n.keys().stream().filter(KINDS::contains).toList();
        if (kinds.size() != 1) {
            n.problem("unknown-check", "a check names exactly one of " + String.join(", ", KINDS) + "; got " + n.keys());
            return Optional.empty();
        }
        String kind = kinds.get(0);
        n.allowOnly(Set.of(kind, "on", "timeout"), "check " + kind);
        YamlNode arg = n.get(kind);
        HostSet on = n.text("on", false).map(HostSet::parse).orElse(null);
        return switch (kind) {
            case "service-active", "service-inactive" -> arg.scalar().flatMap(s -> service(arg, s)).map(s ->
                    new Check.ServiceState(s, on != null ? on : HostSet.defaultFor(s), kind.equals("service-active")));
            case "nodes-responding" -> arg.scalar().map(h -> new Check.NodesResponding(HostSet.parse(h)));
            case "manifest-matches" -> arg.scalar().map(p -> new Check.ManifestMatches(Template.of(p)));
            case "dump-restores" -> arg.scalar().map(p -> new Check.DumpRestores(Template.of(p)));
            case "db-matches-dump" -> arg.scalar().map(p -> new Check.DbMatchesDump(Template.of(p)));
            case "state-cleared" -> arg.scalar().map(p -> new Check.StateCleared(Template.of(p)));
            case "assoc-matches-dump" -> arg.scalar().map(p -> new Check.AssocMatchesDump(Template.of(p)));
            case "lost-jobs-listed" -> arg.scalar().map(p -> new Check.LostJobsListed(Template.of(p)));
            case "controller-log-says" -> arg.scalar().map(Check.ControllerLogSays::new);
            case "command" -> command(n, arg, on);
            default -> bare(arg, kind);
        };
    }

    private static Optional<Check> bare(YamlNode n, String kind) {
        return switch (kind) {
            case "controller-up" -> Optional.of(new Check.ControllerResponds(true));
            case "controller-down" -> Optional.of(new Check.ControllerResponds(false));
            case "dbd-responds" -> Optional.of(new Check.DbdResponds());
            case "db-tables-ok" -> Optional.of(new Check.DbTables(true));
            case "db-tables-damaged" -> Optional.of(new Check.DbTables(false));
            default -> {
                n.problem("unknown-check", KINDS.contains(kind) ? "check `" + kind + "` needs an argument"
                        : "unknown check `" + kind + "`; known: " + String.join(", ", KINDS));
                yield Optional.empty();
            }
        };
    }

    private static Optional<Check> command(YamlNode n, YamlNode arg, HostSet on) {
        List<String> argv = arg.strings();
        if (argv.isEmpty()) {
            arg.problem("shape", "a command check needs an argv list");
            return Optional.empty();
        }
        Duration timeout = n.text("timeout", false).flatMap(t -> Durations.parse(n.get("timeout"), t)).orElse(Duration.ofSeconds(30));
        return Optional.of(new Check.CommandSucceeds(argv.stream().map(Template::of).toList(),
                on != null ? on : HostSet.CONTROLLER, timeout));
    }

    static Optional<Service> service(YamlNode n, String name) {
        Optional<Service> s = Service.parse(name);
        if (s.isEmpty()) {
            n.problem("unknown-service", "unknown service `" + name + "`; known: munge, mariadb, slurmdbd, slurmctld, slurmd");
        }
        return s;
    }
}
