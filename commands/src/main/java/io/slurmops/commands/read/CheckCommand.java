package io.slurmops.commands.read;

import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.reply.Reply;

/**
 * A check that is both a chat command ({@code check munge [HOSTLIST]}) and a part of {@code health}:
 * the command resolves its optional host list (all nodes by default) and shows the check's report.
 */
abstract class CheckCommand extends DeclaredCommand implements HealthCheck {

    private final String checkName;

    protected CheckCommand(CommandSpec spec, String checkName) {
        super(spec);
        this.checkName = checkName;
    }

    @Override
    public final String checkName() {
        return checkName;
    }

    @Override
    public Reply execute(Invocation inv, CommandContext ctx) throws UsageException {
        return check(ctx, targets(inv, ctx)).toReply(ctx.prefix());
    }

    /** The nodes to check: the HOSTLIST argument when given, else every node. */
    protected NodeTargets targets(Invocation inv, CommandContext ctx) throws UsageException {
        if (spec().param("hostlist").isEmpty()) {
            return NodeTargets.all(ctx);
        }
        return NodeTargets.resolve(ctx, inv.optionalHostlist("hostlist"), usage(ctx));
    }
}
