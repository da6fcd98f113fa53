package io.slurmops.commands.guard;

import io.slurmops.commands.plan.MassScope;
import io.slurmops.commands.plan.Plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The table of shortcuts the bot refuses, in one place (the seed, slides 6, 14 and 21: "DON'T do
 * these under pressure"). Each is matched on what the bot's grammar can express: {@link #typed} on
 * the words of a line before it is parsed (so a line the catalog does not know, such as {@code rm},
 * is caught too), {@link #planned} on a plan once its scope is known (a {@code down} that lists every
 * node is {@code down ALL} by another name).
 */
public final class Shortcuts {

    public static final Shortcut DOWN_ALL = new Shortcut("down-all",
            "setting every node DOWN kills every running job and takes the whole cluster out at once "
                    + "(slide 21: NodeName=ALL State=down is a mass outage)",
            "cluster-restart", "to take nodes out while their jobs finish use `{prefix} drain HOSTLIST REASON`");

    public static final Shortcut STOP_SLURMD_ALL = new Shortcut("stop-slurmd-all",
            "stopping slurmd on every node sets every node DOWN after SlurmdTimeout and loses every job, "
                    + "with nothing to bring them back in order",
            "cluster-restart", "to restart slurmd where it failed use `{prefix} restart slurmd HOSTLIST`");

    public static final Shortcut DELETE_STATE = new Shortcut("delete-state",
            "deleting or clearing slurmctld's state without a verified copy loses every job (slide 21: "
                    + "rm -f /var/lib/slurm/*), and a cold start (slurmctld -c) does the same",
            "ctld-state-recovery", "it copies the state first and tries the .old files and `slurmctld -i` before "
                    + "clearing anything");

    /** The controller-side daemons, in the order they must start (stop in reverse). */
    private static final List<String> START_ORDER = List.of("mariadb", "slurmdbd", "slurmctld");
    private static final Set<String> SERVICE_VERBS = Set.of("start", "stop", "restart");
    private static final Set<String> DELETE_VERBS = Set.of("rm", "rmdir", "del", "delete", "remove", "clear", "wipe",
            "purge", "reset", "truncate", "erase");

    private Shortcuts() {
    }

    /** Every shortcut with a fixed wording (the service-order one is worded per line). */
    public static List<Shortcut> fixed() {
        return List.of(DOWN_ALL, STOP_SLURMD_ALL, DELETE_STATE);
    }

    /** The shortcut these words (a line after the prefix, tokenized) spell, if any. */
    public static Optional<Shortcut> typed(List<String> words) {
        List<String> w = words.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        if (w.isEmpty()) {
            return Optional.empty();
        }
        String first = w.get(0);
        if (first.equals("down") && w.size() > 1 && w.get(1).equals("all")) {
            return Optional.of(DOWN_ALL);
        }
        if (first.equals("stop") && w.size() > 2 && w.get(1).equals("slurmd") && w.get(2).equals("all")) {
            return Optional.of(STOP_SLURMD_ALL);
        }
        if (SERVICE_VERBS.contains(first)) {
            Optional<Shortcut> order = serviceOrder(first, w.subList(1, w.size()));
            if (order.isPresent()) {
                return order;
            }
        }
        if (deletesState(w)) {
            return Optional.of(DELETE_STATE);
        }
        return Optional.empty();
    }

    /** The shortcut a plan turns out to be once its scope is known, if any. */
    public static Optional<Shortcut> planned(Plan plan, MassScope scope) {
        if (!scope.wholeCluster() || scope.clusterNodes() < 2) {
            return Optional.empty();
        }
        if (plan.command().equals("down")) {
            return Optional.of(DOWN_ALL);
        }
        if (plan.command().equals("stop") && plan.fact("service").equals("slurmd")) {
            return Optional.of(STOP_SLURMD_ALL);
        }
        return Optional.empty();
    }

    /**
     * {@code restart slurmctld slurmdbd} (slide 21: "wrong order"), or any two controller daemons in
     * one line, or {@code restart ALL}: the grammar takes one service, and systemctl would act on the
     * list as typed, so the line is refused with the order that is safe.
     */
    private static Optional<Shortcut> serviceOrder(String verb, List<String> rest) {
        String doing = verb.equals("stop") ? "stopping" : verb + "ing";
        if (!rest.isEmpty() && rest.get(0).equals("all")) {
            return Optional.of(new Shortcut("service-all", doing + " every Slurm service at once ignores the "
                    + "order they depend on (slurmdbd → slurmctld → slurmd)", "cluster-restart", ""));
        }
        List<String> named = new ArrayList<>();
        for (String word : rest) {
            for (String part : word.split(",")) {
                String s = part.endsWith(".service") ? part.substring(0, part.length() - ".service".length()) : part;
                if (START_ORDER.contains(s) && !named.contains(s)) {
                    named.add(s);
                }
            }
        }
        if (named.size() < 2) {
            return Optional.empty();
        }
        List<String> safe = new ArrayList<>(START_ORDER);
        safe.retainAll(named);
        if (verb.equals("stop")) {
            java.util.Collections.reverse(safe);
        }
        boolean wrongOrder = !named.equals(safe);
        String reason = (wrongOrder ? doing + " " + String.join(" and ", named) + " in that order is the wrong order"
                : doing + " " + String.join(" and ", named) + " together skips the check between them")
                + " (slide 21: systemctl restart slurmctld slurmdbd); " + (verb.equals("stop")
                ? "dependents stop first" : "each daemon must be up before the one that needs it starts");
        List<String> steps = safe.stream().map(s -> "`{prefix} " + verb + " " + s + "`").toList();
        return Optional.of(new Shortcut("service-order", reason, "cluster-restart",
                "one at a time in the safe order: " + String.join(", then ", steps)));
    }

    /** rm/delete/clear … of state: {@code rm /var/lib/slurm/*}, {@code clear state}, {@code slurmctld -c}. */
    private static boolean deletesState(List<String> w) {
        String first = w.get(0);
        if (first.equals("rm") || first.equals("rmdir")) {
            return true;
        }
        boolean mentionsState = w.stream().skip(1).anyMatch(s -> s.contains("state") || s.contains("/var/lib/slurm")
                || s.contains("statesave"));
        if (DELETE_VERBS.contains(first) && mentionsState) {
            return true;
        }
        return w.contains("slurmctld") && w.contains("-c");
    }
}
