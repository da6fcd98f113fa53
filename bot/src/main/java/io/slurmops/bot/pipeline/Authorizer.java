package io.slurmops.bot.pipeline;

import io.slurmops.bot.config.AccessConfig;
import io.slurmops.commands.catalog.Role;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Risk;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Deny by default: a person needs a role, and the role must fit the command's risk. A refusal says
 * which role is needed.
 */
public final class Authorizer {

    private final AccessConfig access;

    public Authorizer(AccessConfig access) {
        this.access = access;
    }

    public Optional<Role> roleOf(String userId, String channelId) {
        return access.roleOf(userId, channelId);
    }

    /** The role a requester needs for a command of this risk. */
    public static Role requiredToRequest(Risk risk) {
        return risk.requesterRole();
    }

    /**
     * Empty when allowed; otherwise the sentence that tells the person why not. The role needed comes
     * from the command's declaration and its effective risk ({@code approvals.risk} may raise it).
     */
    public Optional<String> refusal(String userId, String userName, String channelId, String command,
                                    CommandSpec spec, Risk risk) {
        Role byRisk = risk.requesterRole();
        Role needed = spec.requiredRole(risk);
        Optional<Role> has = roleOf(userId, channelId);
        if (has.isEmpty()) {
            return Optional.of(userName + " has no slurmops role here; `" + command + "` needs the " + needed.label()
                    + " role (ask an admin to add your user id `" + userId + "` under access.users)");
        }
        if (!has.get().atLeast(needed)) {
            return Optional.of("`" + command + "` " + (needed == byRisk ? "is a " + risk.label() + " command and " : "")
                    + "needs the " + needed.label() + " role; " + userName + " is " + has.get().label());
        }
        return Optional.empty();
    }

    /** Empty when this person may vote on requests of that channel; otherwise why not. */
    public Optional<String> voteRefusal(String userId, String userName, String channelId) {
        Optional<Role> has = roleOf(userId, channelId);
        if (has.isPresent() && has.get().atLeast(Role.APPROVER)) {
            return Optional.empty();
        }
        return Optional.of(userName + (has.isEmpty() ? " has no slurmops role here" : " is " + has.get().label())
                + "; voting needs the approver role");
    }

    /** The user ids that may approve requests made in this channel, sorted. */
    public List<String> approvers(String channelId) {
        TreeSet<String> ids = new TreeSet<>(access.users().keySet());
        ids.addAll(access.channels().getOrDefault(channelId, java.util.Map.of()).keySet());
        return ids.stream().filter(id -> roleOf(id, channelId).map(r -> r.atLeast(Role.APPROVER)).orElse(false))
                .toList();
    }
}
