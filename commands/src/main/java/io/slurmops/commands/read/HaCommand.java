package io.slurmops.commands.read;

import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.reply.Block;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.slurm.ControllerControl;
import io.slurmops.commands.slurm.ControllerPing;
import io.slurmops.commands.slurm.SlurmConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Controller high availability: each slurmctld of the SlurmctldHost list and whether it answers
 * {@code scontrol ping}; says plainly when there is no backup, and what to do when the primary is down.
 */
public final class HaCommand extends CheckCommand {

    private static final CommandSpec SPEC = CommandSpec.builder("ha")
            .summary("Primary and backup slurmctld: configured hosts, who answers, what to do on failover")
            .description("Runs `scontrol ping` and reads the SlurmctldHost list from `scontrol show config` "
                    + "(site.backupController when the controller is down). With the primary down and a backup up, "
                    + "`takeover` makes the backup take control at once. When the primary is down, `sinfo` tells whether "
                    + "the backup took control or stays in standby (nobody schedules).")
            .build();

    public HaCommand() {
        super(SPEC, "controller");
    }

    @Override
    protected NodeTargets targets(Invocation inv, CommandContext ctx) {
        return new NodeTargets(List.of(), "");
    }

    @Override
    public CheckReport check(CommandContext ctx, NodeTargets unused) {
        ExecResult ping = ctx.cluster().slurm("scontrol", "ping");
        List<ControllerPing> pings = ControllerPing.parse(ping.stdout());
        boolean primaryUp = pings.stream().anyMatch(p -> p.role().equals("primary") && p.up());
        List<String> lines = new ArrayList<>();
        List<String> configured = new ArrayList<>();
        if (primaryUp) {
            ExecResult conf = ctx.cluster().slurm(SlurmConfig.ARGV);
            if (conf.ok()) {
                SlurmConfig.parse(conf.stdout()).controllers().forEach(c ->
                        configured.add(c.role() + " " + c.name() + (c.address().isEmpty() ? "" : " (" + c.address() + ")")));
            }
        }
        if (configured.isEmpty()) {
            configured.add("primary " + ctx.cluster().site().controller());
            if (ctx.cluster().site().hasBackupController()) {
                configured.add("backup " + ctx.cluster().site().backupController());
            }
        }
        lines.add("SlurmctldHost: " + String.join(", ", configured));
        pings.forEach(p -> lines.add(p.describe()));
        if (pings.isEmpty()) {
            lines.add("scontrol ping " + ping.outcome() + ": " + StatusCommand.firstLine(ping));
        }
        boolean hasBackup = configured.size() > 1 || pings.stream().anyMatch(p -> p.role().startsWith("backup"));
        boolean backupUp = pings.stream().anyMatch(p -> p.role().startsWith("backup") && p.up());
        List<Finding> findings = new ArrayList<>();
        Status status;
        String summary;
        if (primaryUp) {
            status = Status.OK;
            summary = "primary UP";
            lines.add("in control: " + pings.stream().filter(ControllerPing::primary).findFirst()
                    .map(ControllerPing::host).orElse("?"));
            if (!hasBackup) {
                summary += "; no backup controller configured (a slurmctld failure stops scheduling until it is restarted)";
            } else if (!backupUp) {
                status = Status.WARNING;
                summary += "; backup DOWN";
                findings.addAll(ctx.knowledgeBase().match(ping.stdout()));
            } else {
                summary += "; backup UP";
            }
        } else if (backupUp) {
            ControllerControl control = ControllerControl.decide(pings, ctx.cluster());
            lines.add("in control: " + (control.inControl().isEmpty() ? "nobody" : control.inControl()));
            status = control.backupInControl() ? Status.WARNING : Status.CRITICAL;
            summary = "primary DOWN, backup UP; " + control.describe()
                    + (control.backupInControl() ? " (`failback` once the primary is repaired)" : " (`failover`)");
            findings.addAll(ctx.knowledgeBase().match(ping.stdout()));
            findings.removeIf(f -> f.diagnosis().id().equals("controller-unreachable"));
        } else {
            status = Status.CRITICAL;
            summary = "controller unreachable" + (hasBackup ? " (primary and backup DOWN)" : "; no backup to take over");
            findings.addAll(ctx.knowledgeBase().match(ping.combinedOutput()));
            if (findings.isEmpty()) {
                findings.add(ctx.knowledgeBase().finding("controller-unreachable", StatusCommand.firstLine(ping)));
            }
        }
        return new CheckReport(checkName(), status, summary, List.of(new Block.Code(String.join("\n", lines))), findings);
    }
}
