package io.slurmops.commands.read;

import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.reply.Block;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.slurm.ControllerPing;
import io.slurmops.commands.slurm.NodeRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Port evidence from Slurm's own clients when nc is not installed on the controller: a controller that
 * answers {@code scontrol ping} listens on 6817, {@code sacctmgr show cluster} reaches slurmdbd on 6819,
 * and a node sinfo does not mark not-responding answers on 6818.
 */
final class PortFallback {

    private PortFallback() {
    }

    static CheckReport check(CommandContext ctx, String name, NodeTargets nodes) {
        Status status = Status.WARNING;
        List<String> lines = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        ExecResult ping = ctx.cluster().slurm("scontrol", "ping");
        for (ControllerPing p : ControllerPing.parse(ping.stdout())) {
            lines.add("slurmctld " + p.host() + ": " + (p.up() ? "answers scontrol ping" : "DOWN in scontrol ping"));
            if (!p.up()) {
                status = Status.CRITICAL;
                findings.addAll(ctx.knowledgeBase().match("Slurmctld(" + p.role() + ") at " + p.host() + " is DOWN"));
            }
        }
        ExecResult dbd = ctx.cluster().slurm("sacctmgr", "-n", "show", "cluster");
        lines.add("slurmdbd: " + (dbd.ok() ? "answers sacctmgr" : StatusCommand.firstLine(dbd)));
        if (!dbd.ok()) {
            status = Status.CRITICAL;
            findings.addAll(ctx.knowledgeBase().match(dbd.combinedOutput()));
        }
        ExecResult sinfo = ctx.cluster().slurm(NodeRecord.SINFO_ARGS);
        if (sinfo.ok()) {
            HostFolds folds = new HostFolds();
            NodeRecord.parseSinfo(sinfo.stdout()).stream().filter(n -> nodes.hosts().contains(n.name()))
                    .forEach(n -> folds.add(n.state().notResponding() ? "not responding" : "responding", n.name()));
            folds.lines().forEach(l -> lines.add("slurmd " + l));
            List<String> silent = folds.hosts("not responding");
            if (!silent.isEmpty()) {
                String hosts = HostFolds.label(silent).replaceAll(" \\(\\d+\\)$", "");
                findings.addAll(io.slurmops.commands.diagnosis.KnowledgeBase.withContext(
                        ctx.knowledgeBase().match("Nodes " + hosts + " not responding"), Map.of("hosts", hosts)));
            }
        }
        List<Block> details = List.of(new Block.Paragraph("nc is not installed on the controller (Debian: "
                + "netcat-openbsd); ports judged from Slurm's clients instead."), new Block.Code(String.join("\n", lines)));
        return new CheckReport(name, status, "nc missing; judged from scontrol ping, sacctmgr and sinfo", details,
                findings);
    }
}
