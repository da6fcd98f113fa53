package io.slurmops.commands.change;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.change.Daemons.Liveness;
import io.slurmops.commands.hostlist.Hostlist;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runbook's service order, enforced: "1. slurmdbd 2. slurmctld 3. slurmd", "never restart
 * services without checking dependencies". Each daemon depends on the one before it and on munge on
 * its own host:
 *
 * <pre>
 *   mariadb ← slurmdbd ← slurmctld ← slurmd (nodes)          munge ← every Slurm daemon on its host
 * </pre>
 *
 * <ul>
 *   <li><b>start / restart X</b> is refused while a dependency of X is down: slurmdbd needs mariadb
 *       and munge; slurmctld needs slurmdbd and munge; slurmd needs slurmctld (it must answer
 *       {@code scontrol ping}) and munge on that node.</li>
 *   <li><b>stop X</b> is refused while a dependent of X still runs: slurmdbd while slurmctld runs,
 *       mariadb while slurmdbd runs, munge while a Slurm daemon on that host runs.</li>
 *   <li>restart is allowed while dependents run (they reconnect: slurmctld queues accounting records
 *       while slurmdbd restarts); stopping slurmctld or slurmd is allowed (the plan says what stops).</li>
 *   <li>A state that cannot be read (host unreachable) refuses too: the order cannot be shown to hold.</li>
 * </ul>
 */
final class ServiceOrder {

    private ServiceOrder() {
    }

    /** Empty when {@code verb service} may run now on the controller side; otherwise why not. */
    static Optional<String> controllerSide(CommandContext ctx, String verb, String service) {
        List<String> problems = new ArrayList<>();
        if (verb.equals("stop")) {
            for (String dependent : dependentsOf(service)) {
                Liveness l = Daemons.controllerSide(ctx, dependent);
                if (l != Liveness.DOWN) {
                    problems.add(refusal(verb, service, dependent, l, "stop " + dependent + " first"));
                }
            }
        } else if (!verb.equals("status")) {
            for (String dependency : dependenciesOf(service)) {
                Liveness l = Daemons.controllerSide(ctx, dependency);
                if (l != Liveness.UP) {
                    problems.add(refusal(verb, service, dependency, l, "start " + dependency + " first"));
                }
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /** Empty when {@code verb service} may run now on these nodes; otherwise why not. */
    static Optional<String> nodeSide(CommandContext ctx, String verb, String service, List<String> nodes) {
        List<String> problems = new ArrayList<>();
        if (verb.equals("stop") && service.equals("munge")) {
            notIn(Daemons.onNodes(ctx, nodes, "slurmd"), Liveness.DOWN).ifPresent(bad -> problems.add(
                    "cannot stop munge on " + bad + " while slurmd runs there (or its state is unknown): stop slurmd first"));
        }
        if (!verb.equals("stop") && service.equals("slurmd")) {
            Liveness ctld = Daemons.controllerSide(ctx, "slurmctld");
            if (ctld != Liveness.UP) {
                problems.add(refusal(verb, "slurmd", "slurmctld", ctld, "start slurmctld first"));
            }
            // A node that did not answer is not a node whose munge is down: telling the operator to start
            // munge there would send them the wrong way (the fault matrix's link-down and hang cells).
            Map<String, Liveness> munge = Daemons.onNodes(ctx, nodes, "munge");
            only(munge, Liveness.DOWN).ifPresent(bad -> problems.add(
                    "cannot " + verb + " slurmd on " + bad + ": munge is not running there (start munge on those nodes first)"));
            only(munge, Liveness.UNKNOWN).ifPresent(bad -> problems.add(
                    "cannot " + verb + " slurmd on " + bad + ": the node did not answer (unreachable or a command timed "
                            + "out), so munge there cannot be checked; check its network and sshd, then ask again"));
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    static List<String> dependenciesOf(String service) {
        return switch (service) {
            case "slurmdbd" -> List.of("mariadb", "munge");
            case "slurmctld" -> List.of("slurmdbd", "munge");
            default -> List.of();
        };
    }

    static List<String> dependentsOf(String service) {
        return switch (service) {
            case "mariadb" -> List.of("slurmdbd");
            case "slurmdbd" -> List.of("slurmctld");
            case "munge" -> List.of("slurmctld", "slurmdbd");
            default -> List.of();
        };
    }

    private static Optional<String> only(Map<String, Liveness> states, Liveness state) {
        List<String> bad = states.entrySet().stream().filter(e -> e.getValue() == state).map(Map.Entry::getKey).toList();
        return bad.isEmpty() ? Optional.empty() : Optional.of(Hostlist.compress(bad));
    }

    private static Optional<String> notIn(Map<String, Liveness> states, Liveness wanted) {
        List<String> bad = states.entrySet().stream().filter(e -> e.getValue() != wanted).map(Map.Entry::getKey).toList();
        return bad.isEmpty() ? Optional.empty() : Optional.of(Hostlist.compress(bad));
    }

    private static String refusal(String verb, String service, String other, Liveness l, String fix) {
        String state = switch (l) {
            case UP -> "is running";
            case DOWN -> "is down";
            case UNKNOWN -> "cannot be checked (host unreachable)";
        };
        return "cannot " + verb + " " + service + " while " + other + " " + state + ": " + fix
                + " (order: mariadb → slurmdbd → slurmctld → slurmd)";
    }
}
