package io.slurmops.commands.read;

import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.reply.Block;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.slurm.HardwareConfig;
import io.slurmops.commands.slurm.NodeDetail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configured node vs detected hardware: {@code slurmd -C} on each node against its
 * {@code scontrol show node} (CPUs, Sockets, CoresPerSocket, ThreadsPerCore, RealMemory). Hardware
 * below the configuration is critical (Slurm drains the node as INVAL); above it only wastes capacity.
 */
public final class CheckHwCommand extends DeclaredCommand implements HealthCheck {

    static final List<String> SLURMD_C = List.of("slurmd", "-C");

    public CheckHwCommand() {
        super(CommandSpec.builder("check hw")
                .required("HOSTLIST", ArgTypes.hostlist())
                .summary("slurmd -C on each node against its slurm.conf definition (CPUs, sockets, cores, threads, memory)")
                .description("Runs `slurmd -C` on each node and `scontrol show node` on the controller and names every "
                        + "field that differs. Hardware below the configuration makes Slurm drain the node (Low CPUs, "
                        + "Low RealMemory …); more hardware than configured is reported too, since it is unused.")
                .build());
    }

    @Override
    public String checkName() {
        return "hardware";
    }

    @Override
    public Reply execute(Invocation inv, CommandContext ctx) throws UsageException {
        return check(ctx, NodeTargets.resolve(ctx, Optional.of(inv.hostlist("hostlist")), usage(ctx)))
                .toReply(ctx.prefix());
    }

    @Override
    public CheckReport check(CommandContext ctx, NodeTargets targets) {
        if (targets.isEmpty()) {
            return new CheckReport(checkName(), Status.WARNING, "no nodes to check: " + targets.note(), List.of(), List.of());
        }
        ExecResult show = ctx.cluster().slurm("scontrol", "show", "node", targets.compressed());
        if (!show.ok()) {
            return new CheckReport(checkName(), Status.ERROR, "cannot read the configured nodes: scontrol "
                    + show.outcome(), List.of(new Block.Code(show.combinedOutput().strip())),
                    ctx.knowledgeBase().match(show.combinedOutput()));
        }
        Map<String, NodeDetail> configured = new HashMap<>();
        NodeDetail.parseAll(show.stdout()).forEach(n -> configured.put(n.name(), n));
        HostFolds folds = new HostFolds();
        List<Finding> findings = new ArrayList<>();
        Status status = Status.OK;
        List<String> mismatched = new ArrayList<>();
        List<String> below = new ArrayList<>();
        List<String> detectedLines = new ArrayList<>();
        for (ExecResult r : ctx.cluster().onNodes(targets.hosts(), SLURMD_C)) {
            NodeDetail want = configured.get(r.host());
            if (!r.ok() || want == null) {
                folds.add(want == null ? "not in scontrol show node" : "slurmd -C failed: " + StatusCommand.firstLine(r),
                        r.host());
                status = status.worst(Status.WARNING);
                findings.addAll(KnowledgeBase.withContext(ctx.knowledgeBase().match(r.combinedOutput()),
                        Map.of("node", r.host(), "hosts", r.host())));
                continue;
            }
            HardwareConfig have;
            try {
                have = HardwareConfig.parse(r.stdout());
            } catch (IllegalArgumentException e) {
                folds.add(e.getMessage(), r.host());
                status = status.worst(Status.WARNING);
                continue;
            }
            List<HardwareConfig.Mismatch> diff = want.configuredHardware().compareWith(have);
            if (diff.isEmpty()) {
                folds.add("matches slurm.conf", r.host());
                continue;
            }
            String text = String.join("; ", diff.stream().map(HardwareConfig.Mismatch::describe).toList());
            folds.add("mismatch: " + text, r.host());
            mismatched.add(r.host());
            boolean lacking = diff.stream().anyMatch(HardwareConfig.Mismatch::hardwareBelowConfig);
            status = status.worst(lacking ? Status.CRITICAL : Status.WARNING);
            if (lacking) {
                below.add(r.host());
                r.stdout().lines().filter(l -> l.startsWith("NodeName=")).findFirst().ifPresent(detectedLines::add);
            }
            findings.add(ctx.knowledgeBase().finding("hw-mismatch", "hardware mismatch: " + text + " on " + r.host(),
                    Map.of("node", r.host(), "hosts", r.host())));
        }
        if (mismatched.size() > 1) {
            // One finding names every node; the per-node lines above give the fields.
            String hosts = Hostlist.compress(mismatched);
            findings.add(0, ctx.knowledgeBase().finding("hw-mismatch", "hardware mismatch: slurm.conf differs from "
                    + "slurmd -C on " + hosts, Map.of("node", hosts, "hosts", hosts)));
        }
        List<Block> details = new ArrayList<>();
        details.add(new Block.Code(String.join("\n", folds.lines())));
        if (!below.isEmpty()) {
            details.addAll(fixFor(ctx.prefix(), Hostlist.compress(below), detectedLines));
        }
        String summary = mismatched.isEmpty() ? targets.hosts().size() + " node(s) match slurm.conf"
                : "mismatch on " + Hostlist.compress(mismatched);
        return new CheckReport(checkName(), status, summary, details, findings);
    }

    /**
     * The fix for hardware below slurm.conf: the NodeName line as slurmd -C reports it, then reconfig and
     * resume (Slurm drained the node INVAL and does not undo that itself). slurmctld 22.05 takes a lower
     * RealMemory on reconfig, but refuses a CPU/socket/core change until it restarts.
     */
    static List<Block> fixFor(String prefix, String hosts, List<String> detectedLines) {
        List<Block> fix = new ArrayList<>();
        fix.add(new Block.Paragraph("Fix: give " + hosts + " the hardware slurmd -C reports (or repair the hardware), "
                + "in the slurm.conf every host reads:"));
        if (!detectedLines.isEmpty()) {
            fix.add(new Block.Code(String.join("\n", detectedLines)));
        }
        fix.add(new Block.Paragraph("then `" + prefix + " reconfig` (a CPU, socket or core change needs a slurmctld "
                + "restart instead: reconfig answers \"require restart of the slurmctld daemon\") and `" + prefix
                + " resume " + hosts + "`."));
        return fix;
    }
}
