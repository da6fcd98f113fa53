package io.slurmops.commands.read;

import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.reply.Block;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.slurm.NodeDetail;
import io.slurmops.commands.slurm.SlurmConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Can the controller reach Slurm's ports: 6817 on each slurmctld, 6819 on slurmdbd, 6818 on every node?
 *
 * <p>Why {@code nc -z}: the connect must start on the controller (that is where slurmctld connects
 * from), {@code commands} does no network I/O of its own, and a shell one-liner such as
 * {@code bash -c '</dev/tcp/H/P'} would be a shell string. {@code nc -z -w 3 HOST PORT}
 * (netcat-openbsd, installed by the lab) is one plain argv per port. Where nc is missing the check
 * says so and falls back to what Slurm's own clients prove: {@code scontrol ping} (6817),
 * {@code sacctmgr show cluster} (6819) and nodes that respond in {@code sinfo} (6818).
 */
public final class CheckPortsCommand extends CheckCommand {

    static final int CONNECT_SECONDS = 3;

    private static final CommandSpec SPEC = CommandSpec.builder("check ports")
            .summary("TCP connect from the controller to 6817 (slurmctld), 6819 (slurmdbd) and 6818 on every node")
            .description("Runs `nc -z -w 3 HOST PORT` on the controller for each port (ports and addresses from "
                    + "`scontrol show config` and each node's NodeAddr). A closed port means the daemon is not "
                    + "listening there or a firewall drops it.")
            .build();

    public CheckPortsCommand() {
        super(SPEC, "ports");
    }

    @Override
    protected NodeTargets targets(Invocation inv, CommandContext ctx) {
        return NodeTargets.all(ctx);
    }

    /** One port to probe and what it is for. */
    public record Target(String daemon, String name, String address, int port) {
        public String describe() {
            return daemon + " " + name + (address.equals(name) ? "" : " (" + address + ")") + ":" + port;
        }
    }

    @Override
    public CheckReport check(CommandContext ctx, NodeTargets nodes) {
        List<Target> targets = targets(ctx, nodes);
        Duration timeout = Duration.ofSeconds(CONNECT_SECONDS + 5L);
        List<HostCommand> probes = new ArrayList<>();
        for (Target t : targets) {
            probes.add(new HostCommand(ctx.cluster().site().controller(),
                    List.of("nc", "-z", "-v", "-w", Integer.toString(CONNECT_SECONDS), t.address(),
                            Integer.toString(t.port())), timeout));
        }
        List<ExecResult> results = ctx.cluster().runAll(probes);
        if (!results.isEmpty() && ncMissing(results.get(0))) {
            return PortFallback.check(ctx, checkName(), nodes);
        }
        Status status = Status.OK;
        List<String> lines = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        HostFolds nodePorts = new HostFolds();
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            ExecResult r = results.get(i);
            String outcome = r.ok() ? "open" : "closed: " + StatusCommand.firstLine(r);
            if (t.daemon().equals("slurmd")) {
                // folded below: thousands of nodes with one reason are one line, one finding
                nodePorts.add(r.ok() ? t.port() + " open" : t.port() + " " + outcome, t.name(), t.address());
                continue;
            }
            lines.add(t.describe() + " " + outcome);
            if (!r.ok()) {
                closed.add(t.name() + ":" + t.port());
                status = status.worst(Status.CRITICAL);
                findings.addAll(ctx.knowledgeBase().match("port " + t.port() + " closed on " + t.name() + " ("
                        + StatusCommand.firstLine(r) + ")"));
            }
        }
        for (Map.Entry<String, List<String>> g : nodePorts.groups()) {
            if (g.getKey().endsWith(" open")) {
                continue;
            }
            String hosts = Hostlist.compress(g.getValue());
            String port = g.getKey().substring(0, g.getKey().indexOf(' '));
            closed.add(hosts + ":" + port + (g.getValue().size() > 1 ? " (" + g.getValue().size() + " nodes)" : ""));
            status = status.worst(Status.WARNING);
            String why = g.getKey().substring(g.getKey().indexOf("closed: ") + "closed: ".length());
            findings.addAll(KnowledgeBase.withContext(ctx.knowledgeBase().match("port " + port + " closed on " + hosts
                    + " (" + why + ")"), Map.of("hosts", hosts, "node", hosts)));
        }
        nodePorts.lines().forEach(l -> lines.add("slurmd " + l));
        List<Block> details = new ArrayList<>();
        details.add(new Block.Code(String.join("\n", lines)));
        if (!nodes.note().isEmpty()) {
            details.add(new Block.Paragraph(nodes.note()));
        }
        String summary = closed.isEmpty() ? targets.size() + " port(s) open from the controller"
                : "closed: " + String.join(", ", closed);
        return new CheckReport(checkName(), status, summary, details, findings);
    }

    /** Controllers and slurmdbd from the running config (defaults when slurmctld is down), then the nodes. */
    public static List<Target> targets(CommandContext ctx, NodeTargets nodes) {
        ExecResult conf = ctx.cluster().slurm(SlurmConfig.ARGV);
        SlurmConfig config = SlurmConfig.parse(conf.ok() ? conf.stdout() : "");
        List<Target> out = new ArrayList<>();
        List<SlurmConfig.ControllerHost> controllers = config.controllers();
        if (controllers.isEmpty()) {
            out.add(new Target("slurmctld", ctx.cluster().site().controller(), ctx.cluster().site().controller(),
                    config.slurmctldPort()));
        }
        controllers.forEach(c -> out.add(new Target("slurmctld", c.name(), c.target(), config.slurmctldPort())));
        if (!conf.ok() || config.accountingStorageType().endsWith("slurmdbd")) {
            String dbd = config.accountingHost().orElse(ctx.cluster().site().dbdHost());
            out.add(new Target("slurmdbd", dbd, dbd, config.accountingPort()));
        }
        Map<String, NodeDetail> details = new HashMap<>();
        if (!nodes.isEmpty()) {
            ExecResult show = ctx.cluster().slurm("scontrol", "show", "node", nodes.compressed());
            if (show.ok()) {
                NodeDetail.parseAll(show.stdout()).forEach(n -> details.put(n.name(), n));
            }
        }
        for (String node : nodes.hosts()) {
            NodeDetail d = details.get(node);
            String address = d == null || d.nodeAddr().isBlank() ? node : d.nodeAddr();
            // Multi-slurmd layouts give each node its own Port=; scontrol prints it only when it differs.
            long port = d == null ? config.slurmdPort()
                    : io.slurmops.commands.slurm.ScontrolRecords.number(d.fields().get("Port"), config.slurmdPort());
            out.add(new Target("slurmd", node, address, (int) port));
        }
        return out;
    }

    private static boolean ncMissing(ExecResult r) {
        String text = (r.detail() + " " + r.stderr()).toLowerCase(java.util.Locale.ROOT);
        return (r.failure() == FailureKind.ERROR && (text.contains("no such file") || text.contains("cannot run")))
                || (r.ran() && r.exitCode() == 127);
    }
}
