package io.slurmops.commands.change;

import io.slurmops.commands.plan.DeclaredChange;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.change.Daemons.Liveness;
import io.slurmops.commands.plan.BlastRadius;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.PlanRefusedException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code scontrol reconfig}: slurmctld and every slurmd re-read slurm.conf. */
public final class ReconfigCommand extends DeclaredChange {

    public ReconfigCommand() {
        super(CommandSpec.builder("reconfig")
                .summary("Make slurmctld and the slurmds re-read slurm.conf (scontrol reconfig)")
                .description("Runs `scontrol reconfig` on the controller. Refused while slurmctld does not answer.")
                .risk(Risk.CHANGE)
                .build());
    }

    @Override
    public Plan plan(Invocation inv, CommandContext ctx) throws UsageException {
        Optional<String> down = controllerDown(ctx);
        if (down.isPresent()) {
            throw new PlanRefusedException(down.get());
        }
        return new Plan(spec().name(), "Reconfigure slurmctld and all slurmd (scontrol reconfig)",
                List.of(Steps.slurm(ctx, "Reconfigure", "scontrol", "reconfig")), BlastRadius.NONE,
                List.of("Nodes whose slurm.conf differs from the controller's may be refused at their next "
                        + "registration; check with the config drift diagnostics first."), Map.of());
    }

    @Override
    public Optional<String> stillApplies(Plan plan, CommandContext ctx) {
        return controllerDown(ctx);
    }

    static Optional<String> controllerDown(CommandContext ctx) {
        return Daemons.controllerSide(ctx, "slurmctld") == Liveness.UP ? Optional.empty()
                : Optional.of("slurmctld does not answer `scontrol ping`; start it first");
    }
}
