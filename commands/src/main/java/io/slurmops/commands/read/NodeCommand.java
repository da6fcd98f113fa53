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
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.slurm.NodeDetail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One node in detail: state flags, the reason with who set it and when, resources, and a diagnosis. */
public final class NodeCommand extends DeclaredCommand {

    public NodeCommand() {
        super(CommandSpec.builder("node")
                .required("HOST", ArgTypes.host())
                .summary("One node: state, reason (who, when), CPUs and memory, with a diagnosis")
                .description("Runs `scontrol show node HOST` on the controller. The state is shown with all its flags "
                        + "(IDLE+DRAIN, DOWN+NOT_RESPONDING); the reason is matched against the knowledge base, which "
                        + "suggests the next check and the repair. HOST must be a node that sinfo lists.")
                .build());
    }

    @Override
    public Reply execute(Invocation inv, CommandContext ctx) throws UsageException {
        String usage = usage(ctx);
        String host = inv.word("host");
        NodeTargets.requireNode(ctx, host, usage);
        ExecResult r = ctx.cluster().slurm("scontrol", "show", "node", host);
        List<NodeDetail> nodes = r.ok() ? NodeDetail.parseAll(r.stdout()) : List.of();
        if (nodes.isEmpty()) {
            return Reply.builder("Could not read node " + host + ": scontrol " + r.outcome()).status(Status.ERROR)
                    .code(r.combinedOutput().isBlank() ? r.outcome() : r.combinedOutput().strip())
                    .addAll(KnowledgeBase.render(ctx.knowledgeBase().match(r.combinedOutput()), ctx.prefix()))
                    .build();
        }
        NodeDetail n = nodes.get(0);
        Reply.Builder reply = Reply.builder("Node " + n.name() + ": " + n.state());
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry("State", n.state()));
        if (n.hasReason()) {
            String origin = n.reasonUser().isEmpty() ? "" : " (set by " + n.reasonUser() + " at " + n.reasonTime() + ")";
            fields.add(Map.entry("Reason", n.reason().replace("\n", " / ") + origin));
        }
        fields.add(Map.entry("CPUs", n.cpusAllocated() + " of " + n.cpus() + " allocated, load "
                + n.fields().getOrDefault("CPULoad", "?")));
        fields.add(Map.entry("Memory", "configured " + n.realMemoryMb() + " MB, allocated " + n.allocMemoryMb()
                + " MB" + (n.freeMemoryMb() >= 0 ? ", free " + n.freeMemoryMb() + " MB" : "")));
        fields.add(Map.entry("Topology", n.sockets() + " socket(s) × " + n.coresPerSocket() + " core(s) × "
                + n.threadsPerCore() + " thread(s)"));
        optional(fields, "Partitions", n.partitions());
        optional(fields, "Address", n.nodeAddr());
        optional(fields, "Slurm", n.version());
        optional(fields, "Booted", n.fields().get("BootTime"));
        optional(fields, "slurmd since", n.fields().get("SlurmdStartTime"));
        reply.fields(fields);
        reply.status(statusOf(n));

        List<Finding> findings = new ArrayList<>(ctx.knowledgeBase().match(n.reason()));
        findings.addAll(ctx.knowledgeBase().match("State=" + n.state()));
        findings = KnowledgeBase.withContext(KnowledgeBase.distinct(findings), Map.of("node", n.name(), "hosts", n.name()));
        reply.addAll(KnowledgeBase.render(findings, ctx.prefix()));
        reply.paragraph("`" + ctx.prefix() + " check hw " + n.name() + "` compares this with the hardware slurmd "
                + "detects; `" + ctx.prefix() + " logs slurmd " + n.name() + "` shows its log.");
        return reply.build();
    }

    static Status statusOf(NodeDetail n) {
        if (n.isDown() || n.notResponding() || n.hasFlag("FAIL") || n.hasFlag("INVALID_REG")) {
            return Status.CRITICAL;
        }
        if (n.isDrained() || n.hasFlag("MAINTENANCE") || n.hasReason()) {
            return Status.WARNING;
        }
        return Status.OK;
    }

    private static void optional(List<Map.Entry<String, String>> fields, String label, String value) {
        Optional.ofNullable(value).filter(v -> !v.isBlank() && !v.equals("None") && !v.equals("(null)"))
                .ifPresent(v -> fields.add(Map.entry(label, v)));
    }

}
