package io.slurmops.bot.approval;

import io.slurmops.bot.config.Identity;
import io.slurmops.bot.pipeline.Authorizer;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.Role;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.guard.Shortcuts;
import io.slurmops.commands.nodes.ClusterShare;
import io.slurmops.commands.plan.MassScope;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.PlanRefusedException;

import java.util.Optional;

/**
 * Between planning and posting: measures how much of the cluster the plan acts on, refuses a plan that
 * turns out to be a shortcut that backfires (a {@code down} of every node), and raises a mass action to
 * an admin requester and two approvals — checked here, because only the plan knows the nodes.
 */
final class PlanGate {

    private final ApprovalPolicy policy;
    private final Authorizer authorizer;
    private final String prefix;

    PlanGate(ApprovalPolicy policy, Authorizer authorizer, String prefix) {
        this.policy = policy;
        this.authorizer = authorizer;
        this.prefix = prefix;
    }

    /**
     * What the plan needs; throws {@link PlanRefusedException} with the reason when it must not be
     * posted (a shortcut, a mass action asked by someone who is not an admin, or a scope Slurm could not
     * measure).
     */
    ApprovalPolicy.Requirement judge(Plan plan, Invocation inv, CommandContext ctx, Risk risk, ChatMessage m)
            throws PlanRefusedException {
        Optional<MassScope> scope = ClusterShare.of(ctx, plan, inv);
        Optional<String> shortcut = scope.flatMap(s -> Shortcuts.planned(plan, s)).map(s -> s.refusal(prefix));
        if (shortcut.isPresent()) {
            throw new PlanRefusedException(shortcut.get());
        }
        ApprovalPolicy.Requirement need = policy.requirement(risk, scope);
        if (need.mass().isPresent()) {
            Optional<Role> has = authorizer.roleOf(Identity.of(m.platform(), m.userId()), m.channelId());
            if (has.isEmpty() || !has.get().atLeast(need.requesterRole())) {
                throw new PlanRefusedException("`" + m.text().strip() + "` is a mass action (" + need.mass().get().describe()
                        + ", " + need.mass().get().jobs() + ") and needs an " + need.requesterRole().label()
                        + " requester and " + need.approvals() + " approvals; " + m.userName() + " is "
                        + has.map(Role::label).orElse("no role") + ". Ask an admin, or name fewer nodes");
            }
        }
        return need;
    }
}
