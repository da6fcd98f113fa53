package io.slurmops.commands.read;

import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Every check at once, side by side (they are independent), one status line each; the overall
 * verdict is the worst of them, and the findings of all checks follow with their repairs.
 */
public final class HealthCommand extends DeclaredCommand {

    private final List<HealthCheck> checks;

    public HealthCommand(List<HealthCheck> checks) {
        super(CommandSpec.builder("health")
                .summary("All checks in parallel: controller, nodes, services, munge, config, clock, ports, hardware, accounting")
                .description("Runs ha, node states, services, check munge, check config, check clock, check ports, "
                        + "check hw and check db over all nodes at the same time and answers with one line per check; "
                        + "the overall status is the worst one. Each check is also a command of its own for details.")
                .build());
        this.checks = List.copyOf(checks);
    }


    @Override
    public Reply execute(Invocation inv, CommandContext ctx) {
        NodeTargets targets = NodeTargets.all(ctx);
        List<CheckReport> reports = runAll(ctx, targets);
        Status overall = Status.OK;
        List<String> lines = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (CheckReport r : reports) {
            overall = overall.worst(r.status());
            lines.add(r.status().emoji() + " " + r.name() + " — " + r.summary());
            findings.addAll(r.findings());
        }
        if (clusterDown(reports)) {
            findings.add(0, ctx.knowledgeBase().finding("cluster-down",
                    "cluster-wide outage: controller, accounting and nodes all failing"));
        }
        int bad = (int) reports.stream().filter(r -> r.status() != Status.OK && r.status() != Status.INFO).count();
        Reply.Builder reply = Reply.builder("Health of " + ctx.cluster().site().clusterName() + ": "
                + (bad == 0 ? "all " + reports.size() + " checks OK" : bad + " of " + reports.size() + " checks need attention"))
                .status(overall).bullets(lines);
        if (!targets.note().isEmpty()) {
            reply.paragraph(targets.note());
        }
        reply.addAll(KnowledgeBase.render(KnowledgeBase.distinct(findings), ctx.prefix()));
        reply.paragraph("Details: `" + ctx.prefix() + " services`, `" + ctx.prefix() + " check munge` … each check is a command.");
        return reply.build();
    }

    private List<CheckReport> runAll(CommandContext ctx, NodeTargets targets) {
        List<Callable<CheckReport>> calls = checks.stream().<Callable<CheckReport>>map(c -> () -> {
            try {
                return c.check(ctx, targets);
            } catch (RuntimeException e) {
                return failed(c.checkName(), e);
            }
        }).toList();
        return ctx.cluster().inParallel(calls, e -> failed("health", e));
    }

    private static CheckReport failed(String name, Throwable cause) {
        return new CheckReport(name, Status.ERROR, "check failed: " + cause.getClass().getSimpleName() + ": "
                + cause.getMessage(), List.of(), List.of());
    }

    /** Controller, accounting and every node failing at once: the runbook's full-cluster case. */
    private static boolean clusterDown(List<CheckReport> reports) {
        boolean controller = reports.stream().anyMatch(r -> r.name().equals("controller") && r.status() == Status.CRITICAL);
        boolean accounting = reports.stream().anyMatch(r -> r.name().equals("accounting") && r.status() == Status.CRITICAL);
        boolean nodes = reports.stream().anyMatch(r -> r.name().equals("services") && r.summary().contains("slurmd "));
        return controller && accounting && nodes;
    }
}
