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

    private final Duration interval;
    private final NodeFaultDiagnoser diagnoser;
    /** Nodes seen "not responding" (idle*, mixed*) but not yet down at the previous poll. */
    private Set<String> unresponsiveBefore = Set.of();
    /** When this probe first saw each node that is still "unknown" now. */
    private final Map<String, Instant> unknownSince = new HashMap<>();
    /** Told every poll's nodes (incident charts record them); failures there never fail the probe. */
    private volatile java.util.function.BiConsumer<Instant, List<NodeRecord>> sampleSink = (at, nodes) -> { };

    public NodeProbe(Duration interval, NodeFaultDiagnoser diagnoser) {
        this.interval = interval;
        this.diagnoser = diagnoser;
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
        List<String> slurmDown = problems.stream().filter(n -> isSlurmSet(n) && isDown(n)).map(NodeRecord::name)
                .toList();
        Map<String, Finding> causes = diagnoser.diagnose(ctx, slurmDown);
        List<Observation> out = new ArrayList<>();
        for (NodeRecord n : problems) {
            boolean slurmSet = isSlurmSet(n);
            boolean down = isDown(n);
            String repair = "";
            String diagnosis = "";
            String cause = "";
            if (down && slurmSet) {
                Finding f = causes.get(n.name());
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
            out.add(Observation.of(name(), n.name(), severity, summary, diagnosis, repair));
        }
        return out;
    }
}
