package io.slurmops.commands.change;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.plan.BlastRadius;
import io.slurmops.commands.plan.DeclaredChange;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.PlanRefusedException;
import io.slurmops.commands.slurm.ControllerControl;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The primary slurmctld is down and the backup did not take control by itself (it answers pings but
 * stays in standby): {@code scontrol takeover} hands it control, then a state query proves that a
 * controller schedules again. Refused whenever it would do nothing or harm: the primary is up (use
 * {@code takeover} to move control on purpose), the backup already took over, or no backup answers.
 */
public final class FailoverCommand extends DeclaredChange {

    public FailoverCommand() {
        super(CommandSpec.builder("failover")
                .summary("Primary slurmctld down, backup in standby: make the backup take control")
                .description("Runs `scontrol takeover`, then `sinfo` to prove a controller schedules. Refused when "
                        + "the primary answers, when the backup already took over (the health watch says who is "
                        + "in control) or when no backup answers `scontrol ping`. Undo with `failback`.")
                .risk(Risk.CHANGE)
                .build());
    }

    @Override
    public Plan plan(Invocation inv, CommandContext ctx) throws UsageException {
        Optional<String> why = cannotFailOver(ctx);
        if (why.isPresent()) {
            throw new PlanRefusedException(why.get());
        }
        String backup = ctx.cluster().site().backupController();
        return new Plan(spec().name(), "Fail over to the backup controller " + backup,
                List.of(Steps.slurm(ctx, "Hand control to the backup controller", "scontrol", "takeover"),
                        Steps.slurm(ctx, "Check that a controller schedules again", "sinfo", "-h", "-o", "%P %a %D %t")),
                BlastRadius.NONE, List.of("Running jobs keep running; the backup recovers them from the shared "
                        + "StateSaveLocation. Fail back with `failback` once the primary is repaired."), Map.of());
    }

    @Override
    public Optional<String> stillApplies(Plan plan, CommandContext ctx) {
        return cannotFailOver(ctx);
    }

    private static Optional<String> cannotFailOver(CommandContext ctx) {
        if (!ctx.cluster().site().hasBackupController()) {
            return Optional.of("this site has no backup controller (site.backupController), so there is nothing to "
                    + "fail over to");
        }
        ControllerControl control = ControllerControl.of(ctx.cluster());
        if (control.primaryUp()) {
            return Optional.of("the primary slurmctld answers and is in control; nothing to fail over "
                    + "(to move control on purpose use `takeover`)");
        }
        if (control.backupInControl()) {
            return Optional.of("the backup " + control.inControl() + " already took control by itself; nothing to "
                    + "fail over. Repair the primary, then `failback`");
        }
        if (control.backupUp().isEmpty()) {
            return Optional.of("no backup controller answers `scontrol ping`; start slurmctld on the primary or on "
                    + ctx.cluster().site().backupController() + " first");
        }
        return Optional.empty();
    }
}
