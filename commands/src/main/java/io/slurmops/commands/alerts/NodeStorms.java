package io.slurmops.commands.alerts;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.reply.Status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Folds many unhealthy nodes into one incident. When a rack, a partition or every node of a restarted
 * controller goes bad at once, the node probe sees hundreds of nodes; one alert per node would bury
 * the channel. So when {@code threshold} or more nodes without an incident of their own are unhealthy
 * in one poll, they become a single observation, key {@code nodes:storm}: the nodes by reason as host
 * lists, the worst severity, one fix for the set when every node has the same one, and a pointer to
 * the per-node detail. While that incident is open, every further unhealthy node joins it (it grows
 * rather than opening a second alert), and it recovers once when the last of them is healthy.
 *
 * <p>Nodes that already have their own open incident keep it: moving them would report a false
 * recovery for their incident. So that the nodes of one event, which Slurm may mark over two polls,
 * do not open one alert for the first and a storm for the rest, a lone unhealthy node is reported on
 * its second sighting in a row (one node poll later; the others of a storm have joined by then) — or,
 * while the node probe still has other nodes awaiting their second sighting (Slurm marks the nodes of
 * one event over several polls), up to {@link #MAX_HOLD} polls later.
 */
public final class NodeStorms implements HealthProbe {

    public static final int DEFAULT_THRESHOLD = 2;
    public static final String SUBJECT = "storm";
    /** How many reasons the one-line summary lists before "… and N more". */
    private static final int REASONS_SHOWN = 4;
    /** The "(user, time)" NodeRecord.reasonWithOrigin() adds: it differs from node to node of one event. */
    private static final Pattern ORIGIN = Pattern.compile(" \\([^,()]+, \\d{4}-\\d\\d-\\d\\dT[0-9:]+\\)");
    private static final Pattern MEMBERS = Pattern.compile("^(\\d+) nodes unhealthy");
    /** The most polls a lone node is held while other nodes are still arriving. */
    public static final int MAX_HOLD = 4;

    private final HealthProbe nodes;
    private final int threshold;
    private final Predicate<String> openIncident;
    /** Loose (incident-less) node keys held at the previous poll, with how many polls each was held. */
    private Map<String, Integer> looseBefore = Map.of();

    /**
     * @param nodes        the per-node probe
     * @param threshold    how many loose unhealthy nodes in one poll make a storm (at least 2)
     * @param openIncident whether the incident with this key is open now (the alert store)
     */
    public NodeStorms(HealthProbe nodes, int threshold, Predicate<String> openIncident) {
        if (threshold < 2) {
            throw new IllegalArgumentException("a storm needs at least 2 nodes: " + threshold);
        }
        this.nodes = nodes;
        this.threshold = threshold;
        this.openIncident = openIncident;
    }

    public static String key(String probe) {
        return probe + ":" + SUBJECT;
    }

    @Override
    public String name() {
        return nodes.name();
    }

    @Override
    public Duration interval() {
        return nodes.interval();
    }

    @Override
    public synchronized List<Observation> observe(CommandContext ctx) throws ProbeUnavailableException {
        List<Observation> seen = nodes.observe(ctx);
        List<Observation> out = new ArrayList<>();
        List<Observation> loose = new ArrayList<>();
        for (Observation o : seen) {
            (openIncident.test(o.key()) ? out : loose).add(o);
        }
        boolean stormOpen = openIncident.test(key(name()));
        Map<String, Integer> before = looseBefore;
        looseBefore = new java.util.HashMap<>();
        if (loose.size() >= threshold || stormOpen && !loose.isEmpty()) {
            out.add(fold(loose, ctx.prefix()));
            return out;
        }
        boolean othersArriving = nodes instanceof NodeProbe p && !p.awaitingConfirmation().isEmpty();
        for (Observation o : loose) {
            int held = before.getOrDefault(o.key(), 0);
            if (held > 0 && (!othersArriving || held >= MAX_HOLD)) {
                out.add(o);
                looseBefore.put(o.key(), MAX_HOLD);    // reported: it stays reported while it lasts
            } else {
                looseBefore.put(o.key(), held + 1);    // held: others of the same event may follow
            }
        }
        return out;
    }

    /** The member count a storm summary starts with (0 for any other summary): growth is news. */
    public static int members(String summary) {
        Matcher m = MEMBERS.matcher(summary);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    Observation fold(List<Observation> loose, String prefix) {
        Map<String, List<Observation>> byReason = new LinkedHashMap<>();
        for (Observation o : loose) {
            byReason.computeIfAbsent(reason(o), r -> new ArrayList<>()).add(o);
        }
        List<Map.Entry<String, List<Observation>>> groups = new ArrayList<>(byReason.entrySet());
        groups.sort((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()));
        String all = Hostlist.compress(loose.stream().map(Observation::subject).toList());
        StringBuilder summary = new StringBuilder().append(loose.size()).append(" nodes unhealthy: ");
        for (int g = 0; g < Math.min(REASONS_SHOWN, groups.size()); g++) {
            List<Observation> members = groups.get(g).getValue();
            String reason = groups.get(g).getKey();
            summary.append(g == 0 ? "" : "; ").append(Hostlist.compress(members.stream().map(Observation::subject)
                    .toList())).append(' ').append(members.size() > 1 ? reason.replaceFirst("^is ", "are ") : reason);
        }
        if (groups.size() > REASONS_SHOWN) {
            summary.append("; … and ").append(groups.size() - REASONS_SHOWN).append(" more reasons");
        }
        summary.append(" — per node: `").append(prefix).append(" nodes ").append(all).append('`');
        Status severity = loose.stream().map(Observation::severity)
                .reduce(Status.WARNING, (a, b) -> a == Status.CRITICAL || b == Status.CRITICAL ? Status.CRITICAL : a);
        List<String> diagnoses = loose.stream().map(Observation::diagnosisId).distinct().toList();
        return new Observation(key(name()), name(), all, severity, summary.toString(),
                diagnoses.size() == 1 ? diagnoses.get(0) : "", sharedFix(loose, all));
    }

    /** What a node's summary says after its name, without "(user, time)" (which differs from node to node). */
    static String reason(Observation o) {
        String s = o.summary();
        String rest = s.startsWith(o.subject()) ? s.substring(o.subject().length()).strip() : s;
        return ORIGIN.matcher(rest).replaceAll("");
    }

    /**
     * "restart slurmd node[001-004]" when every node's fix is the same command for itself (or the very
     * same command, already naming the set); none when the nodes need different things.
     */
    static String sharedFix(List<Observation> loose, String hostlist) {
        if (loose.stream().anyMatch(o -> !o.hasRepair())) {
            return "";
        }
        List<String> raw = loose.stream().map(o -> o.repair().strip()).distinct().toList();
        List<String> templates = loose.stream().map(NodeStorms::template).distinct().toList();
        if (templates.size() == 1 && templates.get(0).contains("{node}")) {
            return templates.get(0).replace("{node}", hostlist);
        }
        return raw.size() == 1 ? raw.get(0) : "";
    }

    private static String template(Observation o) {
        List<String> words = new ArrayList<>();
        for (String w : o.repair().strip().split("\\s+")) {
            words.add(w.equals(o.subject()) ? "{node}" : w);
        }
        return String.join(" ", words);
    }
}
