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
import io.slurmops.commands.plan.PlanReport;
import io.slurmops.commands.plan.PlanResult;
import io.slurmops.commands.plan.StepResult;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.slurm.ControllerControl;
import io.slurmops.commands.slurm.ControllerPing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Restores the normal pair after a failover: slurmctld is started on the primary, which on start-up
 * asks the backup to hand control back (REQUEST_CONTROL: the backup saves state and returns to
 * standby), then {@code scontrol ping} shows both. The report says whether the pair is back.
 */
public final class FailbackCommand extends DeclaredChange {

    public FailbackCommand() {
        super(CommandSpec.builder("failback")
                .summary("After a failover: start the primary slurmctld so it takes control back, backup to standby")
                .description("Starts slurmctld on the primary with the site's service manager (the primary takes "
                        + "control back from the backup as it starts), then verifies with `scontrol ping` that both "
                        + "answer. Refused when the primary already answers or the site has no backup controller.")
                .risk(Risk.CHANGE)
                .build());
    }

    @Override
    public Plan plan(Invocation inv, CommandContext ctx) throws UsageException {
        Optional<String> why = cannotFailBack(ctx);
        if (why.isPresent()) {
            throw new PlanRefusedException(why.get());
        }
        String primary = ctx.cluster().site().controller();
        return new Plan(spec().name(), "Fail back to the primary controller " + primary,
                List.of(io.slurmops.commands.plan.Step.onController(primary, "Start slurmctld on the primary",
                                Daemons.controllerArgv(ctx, "start", "slurmctld"), ctx.cluster().site().slurmTimeout()),
                        Steps.slurm(ctx, "Check both controllers answer", "scontrol", "ping")),
                BlastRadius.NONE, List.of("The backup saves state and returns to standby; clients may wait a few "
                        + "seconds while control moves."), Map.of());
    }

    @Override
    public Optional<String> stillApplies(Plan plan, CommandContext ctx) {
        return cannotFailBack(ctx);
    }

    /** The title says whether the last step's {@code scontrol ping} shows the normal pair. */
    @Override
    public Reply report(Plan plan, PlanResult result) {
        StepResult check = result.steps().get(result.steps().size() - 1);
        List<ControllerPing> pings = check.ran() && !check.results().isEmpty()
                ? ControllerPing.parse(check.results().get(0).stdout()) : List.of();
        boolean pair = pings.size() > 1 && pings.stream().allMatch(ControllerPing::up);
        String seen = pings.stream().map(ControllerPing::describe).collect(Collectors.joining(", "));
        return PlanReport.render(plan, result, plan.summary() + (pair ? ": normal pair restored (" + seen + ")"
                : ": pair NOT restored (" + (seen.isEmpty() ? "no answer to scontrol ping" : seen) + ")"));
    }

    private static Optional<String> cannotFailBack(CommandContext ctx) {
        if (!ctx.cluster().site().hasBackupController()) {
            return Optional.of("this site has no backup controller (site.backupController), so there is nothing to "
                    + "fail back from");
        }
        ControllerControl control = ControllerControl.of(ctx.cluster());
        if (control.primaryUp()) {
            return Optional.of("the primary slurmctld already answers" + (control.normalPair()
                    ? " and the backup is in standby: the normal pair is in place"
                    : "; the backup does not: start slurmctld on " + ctx.cluster().site().backupController()));
        }
        return Optional.empty();
    }
}
