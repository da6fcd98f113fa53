package io.slurmops.commands.change;

import io.slurmops.commands.plan.DeclaredChange;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.plan.BlastRadius;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.PlanRefusedException;
import io.slurmops.commands.slurm.ControllerPing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Forces the backup controller to take over ({@code scontrol takeover}), the runbook's failover. */
public final class TakeoverCommand extends DeclaredChange {

    public TakeoverCommand() {
        super(CommandSpec.builder("takeover")
                .summary("Make the backup slurmctld take over (scontrol takeover)")
                .description("Refused when the site has no backup controller, or when no backup answers "
                        + "`scontrol ping`. Fail back later by fixing the primary and letting it resume.")
                .risk(Risk.CHANGE)
                .build());
    }

    @Override
    public Plan plan(Invocation inv, CommandContext ctx) throws UsageException {
        Optional<String> why = cannotTakeOver(ctx);
        if (why.isPresent()) {
            throw new PlanRefusedException(why.get());
        }
        String backup = ctx.cluster().site().backupController();
        return new Plan(spec().name(), "Backup controller " + backup + " takes over",
                List.of(Steps.slurm(ctx, "Hand control to the backup controller", "scontrol", "takeover")),
                BlastRadius.NONE, List.of("The primary stops scheduling; fail back once it is repaired."), Map.of());
    }

    @Override
    public Optional<String> stillApplies(Plan plan, CommandContext ctx) {
        return cannotTakeOver(ctx);
    }

    private static Optional<String> cannotTakeOver(CommandContext ctx) {
        if (!ctx.cluster().site().hasBackupController()) {
            return Optional.of("this site has no backup controller (site.backupController), so there is nothing to "
                    + "take over");
        }
        ExecResult ping = ctx.cluster().slurm("scontrol", "ping");
        boolean backupUp = ControllerPing.parse(ping.stdout()).stream()
                .anyMatch(p -> p.up() && !p.role().equalsIgnoreCase("primary"));
        return backupUp ? Optional.empty() : Optional.of("no backup controller answers `scontrol ping`: "
                + ping.combinedOutput().strip());
    }
}
