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
import io.slurmops.commands.reply.Block;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.site.SiteProfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Are the daemons running: slurmctld, slurmdbd, munge and MariaDB on the controller side through the
 * site's service manager ({@code is-active UNIT}), slurmd and munge on every node over SSH. Nodes are
 * folded per service and state.
 */
public final class ServicesCommand extends DeclaredCommand implements HealthCheck {

    static final List<String> CONTROLLER_SERVICES = List.of("slurmctld", "munge");
    static final List<String> DBD_SERVICES = List.of("slurmdbd", "mariadb");
    static final List<String> NODE_SERVICES = List.of("slurmd", "munge");

    public ServicesCommand() {
        super(CommandSpec.builder("services")
                .optional("HOSTLIST", ArgTypes.hostlist())
                .summary("Is every daemon running: slurmctld, slurmdbd, munge, MariaDB, and slurmd/munge per node")
                .description("Asks the site's service manager (`systemctl is-active UNIT` by default) on the controller "
                        + "and the slurmdbd host, and on each node over SSH. With a HOSTLIST only those nodes are asked. "
                        + "Nodes with the same state fold into one host list.")
                .build());
    }

    @Override
    public String checkName() {
        return "services";
    }

    @Override
    public Reply execute(Invocation inv, CommandContext ctx) throws UsageException {
        NodeTargets targets = NodeTargets.resolve(ctx, inv.optionalHostlist("hostlist"), usage(ctx));
        return report(ctx, targets, inv.optionalHostlist("hostlist").isEmpty()).toReply(ctx.prefix());
    }

    @Override
    public CheckReport check(CommandContext ctx, NodeTargets targets) {
        return report(ctx, targets, true);
    }

    CheckReport report(CommandContext ctx, NodeTargets targets, boolean withController) {
        SiteProfile site = ctx.cluster().site();
        Status status = Status.OK;
        List<String> problems = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        if (withController) {
            Map<String, String> states = new LinkedHashMap<>();
            boolean dbdElsewhere = !site.dbdHost().equals(site.controller());
            List<String> here = new ArrayList<>(CONTROLLER_SERVICES);
            if (!dbdElsewhere) {
                here.addAll(DBD_SERVICES);
            }
            states.putAll(ask(ctx, site.controller(), site.serviceManager(), here, true));
            if (dbdElsewhere) {
                states.putAll(ask(ctx, site.dbdHost(), site.serviceManager(), DBD_SERVICES, true));
            }
            List<String> parts = new ArrayList<>();
            states.forEach((service, state) -> {
                parts.add(service + " " + state);
                if (!state.equals("active")) {
                    problems.add(service + " " + state);
                    findings.addAll(ctx.knowledgeBase().match(service + ": " + state));
                }
            });
            lines.add("controller: " + String.join(", ", parts));
            if (states.values().stream().anyMatch(s -> !s.equals("active"))) {
                status = Status.CRITICAL;
            }
        }
        if (!targets.isEmpty()) {
            Map<String, HostFolds> perService = new LinkedHashMap<>();
            NODE_SERVICES.forEach(s -> perService.put(s, new HostFolds()));
            List<String> argv = new ArrayList<>(site.nodeServiceManager());
            argv.add("is-active");
            NODE_SERVICES.forEach(s -> argv.add(site.unit(s)));
            for (ExecResult r : ctx.cluster().onNodes(targets.hosts(), argv)) {
                Map<String, String> states = parse(r, NODE_SERVICES);
                states.forEach((service, state) -> perService.get(service).add(state, r.host()));
            }
            for (Map.Entry<String, HostFolds> e : perService.entrySet()) {
                for (Map.Entry<String, List<String>> g : e.getValue().groups()) {
                    lines.add(e.getKey() + ": " + HostFolds.label(g.getValue()) + " " + g.getKey());
                    if (!g.getKey().equals("active")) {
                        String hosts = io.slurmops.commands.hostlist.Hostlist.compress(g.getValue());
                        problems.add(e.getKey() + " " + g.getKey() + " on " + hosts);
                        status = status.worst(Status.WARNING);
                        findings.addAll(KnowledgeBase.withContext(
                                ctx.knowledgeBase().match(e.getKey() + ": " + g.getKey() + " on " + hosts),
                                Map.of("node", hosts, "hosts", hosts)));
                    }
                }
            }
        }
        List<Block> details = new ArrayList<>();
        details.add(new Block.Code(String.join("\n", lines)));
        if (!targets.note().isEmpty()) {
            details.add(new Block.Paragraph(targets.note()));
            status = status.worst(Status.WARNING);
        }
        String summary = problems.isEmpty() ? "all running" : String.join("; ", problems);
        return new CheckReport(checkName(), status, summary, details, findings);
    }

    /** service → state ("active", "inactive", "failed", "unreachable: …") from one is-active call. */
    private static Map<String, String> ask(CommandContext ctx, String host, List<String> manager, List<String> services,
                                           boolean controllerSide) {
        List<String> argv = new ArrayList<>(manager);
        argv.add("is-active");
        services.forEach(s -> argv.add(ctx.cluster().site().unit(s)));
        ExecResult r = controllerSide && host.equals(ctx.cluster().site().controller())
                ? ctx.cluster().onController(argv, ctx.cluster().site().nodeTimeout())
                : ctx.cluster().onHost(host, argv);
        return parse(r, services);
    }

    /** is-active prints one word per unit, in order, and exits 3 when one is not active. */
    static Map<String, String> parse(ExecResult r, List<String> services) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> words = r.ran() ? r.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList() : List.of();
        for (int i = 0; i < services.size(); i++) {
            String state;
            if (!r.ran()) {
                state = "unknown (" + r.outcome() + ")";
            } else if (i < words.size()) {
                state = words.get(i);
            } else {
                state = "unknown (" + r.outcome() + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip()) + ")";
            }
            out.put(services.get(i), state);
        }
        return out;
    }
}
