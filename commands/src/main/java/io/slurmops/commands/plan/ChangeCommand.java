package io.slurmops.commands.plan;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.reply.Reply;

import java.util.Optional;

/**
 * A command that changes the cluster. It never acts directly: it makes a {@link Plan} with
 * read-only queries, people approve the plan, and the bot runs exactly that plan later, maybe in
 * another process after a restart — so everything the command needs later is in the plan.
 */
public interface ChangeCommand extends SlurmCommand {

    /**
     * Resolves targets and the blast radius with read-only queries and freezes the steps. Throws
     * {@link UsageException} for bad input and {@link PlanRefusedException} when the change must
     * not be made now (a guard rail), with the reason.
     */
    Plan plan(Invocation invocation, CommandContext context) throws UsageException;

    /**
     * Re-checks, just before running, that the plan still makes sense (the node is still drained,
     * the daemon order still holds). Empty when it does; otherwise why not. Nothing runs then.
     */
    Optional<String> stillApplies(Plan plan, CommandContext context);

    /**
     * True when this invocation only shows what the change would do ({@code restore … --dry-run}): it
     * then runs at once as a read, through {@link #execute}, which the command overrides for that.
     */
    default boolean dryRun(Invocation invocation) {
        return false;
    }

    /** Tells what happened. */
    default Reply report(Plan plan, PlanResult result) {
        return PlanReport.render(plan, result);
    }

    /** Change commands run only through an approval request; the bot never calls this. */
    @Override
    default Reply execute(Invocation invocation, CommandContext context) {
        return Reply.error("`" + spec().name() + "` changes the cluster and runs only through an approval request");
    }
}
