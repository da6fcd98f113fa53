package io.slurmops.commands.alerts;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.slurm.NodeRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;

/**
 * Down, drained, failing and not-responding nodes, one observation per node. The suggested fix
 * follows the NHC rule: never resume a node that a person drained — only nodes Slurm itself took
 * out ("Not responding", "Node unexpectedly rebooted") get a repair.
 */
public final class NodeProbe implements HealthProbe {

    private static final List<String> SLURM_SET_REASONS = List.of("not responding", "node unexpectedly rebooted");
    /**
     * Reasons slurmctld sets itself when a node registers with less hardware than slurm.conf gives it
     * (state INVAL+DRAIN, e.g. "Low RealMemory (reported:24105 < 100.00% of configured:48000)"). Slurm
     * set them, but no command fixes them: slurm.conf or the hardware must change first.
     */
    private static final List<String> SLURM_HARDWARE_REASONS = List.of("low realmemory", "low socket*core*thread count",
            "low cpus", "low tmpdisk");
    /**
     * After slurmctld starts, every node is "unknown" until its slurmd registers (about 4 s on the lab,
     * longer on a big cluster); one whose slurmd is dead turns "down*" by itself after SlurmdTimeout.
     * So "unknown" alone is a fault only once it has lasted this long.
     */
    static final Duration UNKNOWN_GRACE = Duration.ofSeconds(60);

    /** A node's triage is reused while its Slurm state stays the same, up to this long. */
    static final Duration RETRIAGE_AFTER = Duration.ofSeconds(60);

    private final Duration interval;
    private final NodeFaultDiagnoser diagnoser;
    private final ManagementPath managementPath;
    /** The last triage per unhealthy node, with the Slurm state it explained and when it ran. */
    private final Map<String, Triaged> triaged = new HashMap<>();

    private record Triaged(NodeFaultDiagnoser.Diagnosis diagnosis, String slurmState, Instant at) {
    }
    /** Nodes seen "not responding" (idle*, mixed*) but not yet down at the previous poll. */
    private Set<String> unresponsiveBefore = Set.of();
    /** Nodes unhealthy at the last poll but not reported yet (a first sighting, an "unknown" in its grace). */
    private Set<String> awaiting = Set.of();
    /** When this probe first saw each node that is still "unknown" now. */
    private final Map<String, Instant> unknownSince = new HashMap<>();
    /** Told every poll's nodes (incident charts record them); failures there never fail the probe. */
    private volatile java.util.function.BiConsumer<Instant, List<NodeRecord>> sampleSink = (at, nodes) -> { };

    public NodeProbe(Duration interval, NodeFaultDiagnoser diagnoser) {
        this(interval, diagnoser, null);
    }

    /** @param managementPath the SSH reachability check of healthy nodes, null for none */
    public NodeProbe(Duration interval, NodeFaultDiagnoser diagnoser, ManagementPath managementPath) {
        this.interval = interval;
        this.diagnoser = diagnoser;
        this.managementPath = managementPath;
    }

    /** Hands every successful poll's node list to {@code sink} (e.g. to record node-state counts). */
    public NodeProbe recordingTo(java.util.function.BiConsumer<Instant, List<NodeRecord>> sink) {
        this.sampleSink = sink;
        return this;
    }

    @Override
    public String name() {
        return "nodes";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    private static boolean isSlurmSet(NodeRecord n) {
        return !n.hasReason() || SLURM_SET_REASONS.stream().anyMatch(s -> n.reason().toLowerCase(Locale.ROOT).startsWith(s));
    }

    private static boolean isHardwareCheck(NodeRecord n) {
        return n.hasReason() && SLURM_HARDWARE_REASONS.stream().anyMatch(s -> n.reason().toLowerCase(Locale.ROOT).startsWith(s));
    }

    private static boolean onlyUnresponsive(NodeRecord n) {
        return n.state().notResponding() && !n.state().isDown() && !n.state().isDrain();
    }

    private static boolean onlyUnknown(NodeRecord n) {
        return n.state().base().startsWith("unk") && !n.state().notResponding();
    }

    private static boolean isDown(NodeRecord n) {
        return n.state().isDown() || n.state().notResponding();
    }

    /**
     * Nodes the last poll saw unhealthy but does not report yet (each needs a second sighting): a storm
     * that Slurm marks over several polls is still arriving while this is not empty.
     */
    public synchronized Set<String> awaitingConfirmation() {
        return Set.copyOf(awaiting);
    }

    @Override
    public synchronized List<Observation> observe(CommandContext ctx) throws ProbeUnavailableException {
        ExecResult r = ctx.cluster().slurm(NodeRecord.SINFO_ARGS);
        if (!r.ok()) {
            throw new ProbeUnavailableException("sinfo " + r.outcome() + ": " + ControllerProbe.firstLine(r));
        }
        List<NodeRecord> all = NodeRecord.parseSinfo(r.stdout());
        try {
            sampleSink.accept(ctx.clock().instant(), all);
        } catch (RuntimeException e) {
            // Recording is for charts afterwards; the watch itself must go on.
        }
        Set<String> unresponsiveNow = new HashSet<>();
        all.stream().filter(NodeProbe::onlyUnresponsive).forEach(n -> unresponsiveNow.add(n.name()));
        Set<String> confirmed = unresponsiveBefore;
        unresponsiveBefore = unresponsiveNow;
        Instant now = ctx.clock().instant();
        Set<String> unknownNow = new HashSet<>();
        all.stream().filter(NodeProbe::onlyUnknown).forEach(n -> unknownNow.add(n.name()));
        unknownSince.keySet().retainAll(unknownNow);
        unknownNow.forEach(n -> unknownSince.putIfAbsent(n, now));
        // A restarted slurmd shows "idle*" for about a second: only a second sighting (or DOWN) counts.
        // A restarted slurmctld shows every node "unknown" until it registers: only a lasting one counts.
        List<NodeRecord> problems = all.stream().filter(n -> n.state().isProblem())
                .filter(n -> !onlyUnresponsive(n) || confirmed.contains(n.name()))
                .filter(n -> !onlyUnknown(n) || !unknownSince.get(n.name()).plus(UNKNOWN_GRACE).isAfter(now))
                .toList();
        Set<String> reported = new HashSet<>();
        problems.forEach(n -> reported.add(n.name()));
        Set<String> held = new HashSet<>(unresponsiveNow);
        held.addAll(unknownNow);
        held.removeAll(reported);
        awaiting = held;
        List<String> slurmDown = problems.stream().filter(n -> isSlurmSet(n) && isDown(n)).map(NodeRecord::name)
                .toList();
        Map<String, NodeFaultDiagnoser.Diagnosis> causes = triage(ctx, problems, slurmDown, now);
        List<Observation> out = new ArrayList<>();
        for (NodeRecord n : problems) {
            boolean slurmSet = isSlurmSet(n);
            boolean down = isDown(n);
            String repair = "";
            String diagnosis = "";
            String cause = "";
            List<String> triage = List.of();
            if (down && slurmSet) {
                NodeFaultDiagnoser.Diagnosis d = causes.get(n.name());
                Finding f = d == null ? null : d.cause();
                triage = d == null ? List.of() : d.evidence();
                if (f != null) {
                    Finding bound = f.withContext(Map.of("node", n.name(), "hosts", n.name()));
                    diagnosis = f.diagnosis().id();
                    repair = bound.repairComplete() ? bound.repair() : "";
                    cause = " — " + f.diagnosis().title();
                } else {
                    diagnosis = "node-not-responding";
                    repair = "restart slurmd " + n.name();
                }
            }
            boolean hardware = isHardwareCheck(n);
            if (hardware) {
                // Slurm's own registration check: the knowledge base names it (check hw, then fix slurm.conf).
                Finding f = ctx.knowledgeBase().match(n.reason()).stream().findFirst().orElse(null);
                if (f != null) {
                    diagnosis = f.diagnosis().id();
                    cause = " — " + f.diagnosis().title();
                }
            }
            Status severity = down || hardware ? Status.CRITICAL : Status.WARNING;
            String summary = n.name() + " is " + n.state().display()
                    + (n.hasReason() ? ": " + n.reasonWithOrigin() : "") + cause
                    + (hardware ? " (set by Slurm: slurm.conf promises more than the node has)"
                    : n.hasReason() && !slurmSet ? " (set by a person or a health checker: no automatic fix)" : "");
            out.add(Observation.of(name(), n.name(), severity, summary, diagnosis, repair).withTriage(triage));
        }
        if (managementPath != null) {
            Map<String, String> healthy = new java.util.LinkedHashMap<>();
            all.stream().filter(n -> !n.state().isProblem() && !n.state().notResponding())
                    .forEach(n -> healthy.put(n.name(), n.state().display()));
            out.addAll(managementPath.observe(ctx, name(), healthy));
        }
        return out;
    }

    /** The triage of the Slurm-down nodes, run again only for a node whose state changed or after a while. */
    private Map<String, NodeFaultDiagnoser.Diagnosis> triage(CommandContext ctx, List<NodeRecord> problems,
                                                             List<String> slurmDown, Instant now) {
        Map<String, String> states = new HashMap<>();
        problems.forEach(n -> states.put(n.name(), n.state().display() + "|" + n.reason()));
        triaged.keySet().retainAll(slurmDown);
        List<String> due = slurmDown.stream().filter(node -> {
            Triaged t = triaged.get(node);
            return t == null || !t.slurmState().equals(states.get(node)) || !now.isBefore(t.at().plus(RETRIAGE_AFTER));
        }).toList();
        diagnoser.triage(ctx, due).forEach((node, d) -> triaged.put(node, new Triaged(d, states.get(node), now)));
        Map<String, NodeFaultDiagnoser.Diagnosis> out = new HashMap<>();
        slurmDown.forEach(node -> {
            Triaged t = triaged.get(node);
            if (t != null) {
                out.put(node, t.diagnosis());
            }
        });
        return out;
    }
}
