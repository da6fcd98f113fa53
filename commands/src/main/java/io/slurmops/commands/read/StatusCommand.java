package io.slurmops.commands.read;

import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.slurm.ControllerPing;
import io.slurmops.commands.slurm.JobCounts;
import io.slurmops.commands.slurm.NodeGroups;
import io.slurmops.commands.slurm.NodeRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The first thing on-call types: is the controller up, how many nodes in which state, which nodes
 * need attention and why, how many jobs run and wait.
 */
public final class StatusCommand extends DeclaredCommand {

    public StatusCommand() {
        super(CommandSpec.builder("status")
                .summary("Controller, node states, problem nodes with reasons, job counts")
                .description("Runs `scontrol ping`, `sinfo` (grouped by state and reason) and `squeue` on the controller. Problem nodes "
                        + "(down, drained, failing, not responding) are folded by reason into host lists.")
                .build());
    }

    @Override
    public Reply execute(Invocation invocation, CommandContext ctx) {
        ExecResult pingResult = ctx.cluster().slurm("scontrol", "ping");
        List<ControllerPing> pings = ControllerPing.parse(pingResult.stdout());
        String cluster = ctx.cluster().site().clusterName();
        boolean primaryUp = pings.stream().anyMatch(ControllerPing::up);
        if (!primaryUp) {
            // With no controller, sinfo and squeue would only block for MessageTimeout and fail.
            return controllerDown(ctx, cluster, pingResult, pings);
        }
        ExecResult sinfo = ctx.cluster().slurm(NodeRecord.SINFO_ARGS);
        ExecResult squeue = ctx.cluster().slurm(JobCounts.SQUEUE_ARGS);
        Reply.Builder reply = Reply.builder("");
        List<Finding> findings = new ArrayList<>();
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        fields.add(Map.entry("Controller", String.join(", ", pings.stream().map(ControllerPing::describe).toList())));
        String nodesSummary = "unknown";
        if (sinfo.ok()) {
            List<NodeRecord> nodes = NodeRecord.parseSinfo(sinfo.stdout());
            Map<String, Integer> byState = new TreeMap<>();
            nodes.forEach(n -> byState.merge(n.state().display(), 1, Integer::sum));
            nodesSummary = nodes.size() + " (" + String.join(", ", byState.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey()).toList()) + ")";
            fields.add(Map.entry("Nodes", nodesSummary));
            List<NodeRecord> problems = nodes.stream().filter(n -> n.state().isProblem()).toList();
            if (!problems.isEmpty()) {
                reply.escalate(Status.WARNING);
                reply.fields(fields);
                fields = new ArrayList<>();
                reply.heading("Problem nodes");
                reply.code(NodeGroups.table(NodeGroups.fold(problems)));
                problems.forEach(n -> findings.addAll(ctx.knowledgeBase().match(n.reason())));
            }
        } else {
            reply.escalate(Status.ERROR);
            fields.add(Map.entry("Nodes", "sinfo failed: " + firstLine(sinfo)));
            findings.addAll(ctx.knowledgeBase().match(sinfo.combinedOutput()));
        }
        String jobsSummary = "unknown";
        if (squeue.ok()) {
            JobCounts jobs = JobCounts.parse(squeue.stdout());
            jobsSummary = jobs.count("RUNNING") + " running, " + jobs.count("PENDING") + " pending";
            fields.add(Map.entry("Jobs", jobsSummary));
        } else {
            reply.escalate(Status.ERROR);
            fields.add(Map.entry("Jobs", "squeue failed: " + firstLine(squeue)));
            findings.addAll(ctx.knowledgeBase().match(squeue.combinedOutput()));
        }
        reply.fields(fields);
        reply.addAll(KnowledgeBase.render(dedupe(findings), ctx.prefix()));
        Reply built = reply.build();
        String title = "Cluster " + cluster + ": controller UP · nodes " + nodesSummary + " · jobs " + jobsSummary;
        return new Reply(built.status(), title, built.blocks());
    }

    private Reply controllerDown(CommandContext ctx, String cluster, ExecResult ping, List<ControllerPing> pings) {
        Reply.Builder reply = Reply.builder("Cluster " + cluster + ": controller unreachable").status(Status.CRITICAL);
        if (!pings.isEmpty()) {
            reply.fields(List.of(Map.entry("Controller",
                    String.join(", ", pings.stream().map(ControllerPing::describe).toList()))));
        }
        reply.paragraph("`scontrol ping` " + ping.outcome() + "; node and job state cannot be read until slurmctld answers.");
        String out = ping.combinedOutput().strip();
        if (!out.isEmpty()) {
            reply.code(out);
        }
        List<Finding> findings = ctx.knowledgeBase().match(out);
        if (findings.isEmpty()) {
            findings = List.of(ctx.knowledgeBase().finding("controller-unreachable", firstLine(ping)));
        }
        reply.addAll(KnowledgeBase.render(findings, ctx.prefix()));
        return reply.build();
    }

    private static List<Finding> dedupe(List<Finding> findings) {
        Map<String, Finding> byId = new java.util.LinkedHashMap<>();
        findings.forEach(f -> byId.putIfAbsent(f.diagnosis().id(), f));
        return new ArrayList<>(byId.values());
    }

    static String firstLine(ExecResult r) {
        String text = r.combinedOutput().strip();
        if (text.isEmpty()) {
            return r.outcome();
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
