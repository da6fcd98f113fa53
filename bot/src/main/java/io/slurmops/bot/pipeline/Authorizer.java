package io.slurmops.bot.pipeline;

import io.slurmops.bot.config.AccessConfig;
import io.slurmops.bot.config.Identity;
import io.slurmops.commands.catalog.Role;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Risk;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Deny by default: a person needs a role, and the role must fit the command's risk. A refusal says
 * which role is needed. Everyone is a platform-qualified {@link Identity}; where the configuration
 * maps identities to people, "the same person" means the person, whatever platform they use.
 */
public final class Authorizer {

    private final AccessConfig access;

    public Authorizer(AccessConfig access) {
        this.access = access;
    }

    public Optional<Role> roleOf(Identity who, String channelId) {
        return access.roleOf(who, channelId);
    }

    /** The role a requester needs for a command of this risk. */
    public static Role requiredToRequest(Risk risk) {
        return risk.requesterRole();
    }

    /**
     * Empty when allowed; otherwise the sentence that tells the person why not. The role needed comes
     * from the command's declaration and its effective risk ({@code approvals.risk} may raise it).
     */
    public Optional<String> refusal(Identity who, String userName, String channelId, String command,
                                    CommandSpec spec, Risk risk) {
        Role byRisk = risk.requesterRole();
        Role needed = spec.requiredRole(risk);
        Optional<Role> has = roleOf(who, channelId);
        if (has.isEmpty()) {
            return Optional.of(userName + " has no slurmops role here; `" + command + "` needs the " + needed.label()
                    + " role (ask an admin to add your identity `" + who.qualified() + "` under access.users)");
        }
        if (!has.get().atLeast(needed)) {
            return Optional.of("`" + command + "` " + (needed == byRisk ? "is a " + risk.label() + " command and " : "")
                    + "needs the " + needed.label() + " role; " + userName + " is " + has.get().label());
        }
        return Optional.empty();
    }

    /** Empty when this person may vote on requests of that channel; otherwise why not. */
    public Optional<String> voteRefusal(Identity who, String userName, String channelId) {
        Optional<Role> has = roleOf(who, channelId);
        if (has.isPresent() && has.get().atLeast(Role.APPROVER)) {
            return Optional.empty();
        }
        return Optional.of(userName + (has.isEmpty() ? " has no slurmops role here" : " is " + has.get().label())
                + "; voting needs the approver role");
    }

    /** True when both identities are one person (the same identity, or two listed under one person). */
    public boolean samePerson(Identity a, Identity b) {
        return voterKey(a).equals(voterKey(b));
    }

    /** What one vote per person is keyed on: {@code person:NAME} for a listed identity, else the identity. */
    public String voterKey(Identity who) {
        return access.voterKey(who);
    }

    /**
     * Who may approve the requester's request in this channel, sorted, the requester excluded: people
     * by name, identities of the requester's platform by their id, others qualified.
     */
    public List<String> approvers(Identity requester, String channelId) {
        TreeSet<String> out = new TreeSet<>();
        TreeSet<String> keys = new TreeSet<>(access.users().keySet());
        keys.addAll(access.channels().getOrDefault(channelId, Map.of()).keySet());
        for (String key : keys) {
            Optional<Identity> id = Identity.parse(key);
            boolean approver;
            String shown;
            if (id.isPresent()) {
                if (samePerson(id.get(), requester)) {
                    continue;
                }
                approver = roleOf(id.get(), channelId).map(r -> r.atLeast(Role.APPROVER)).orElse(false);
                shown = access.people().personOf(id.get())
                        .orElse(id.get().platform().equals(requester.platform()) ? id.get().id() : key);
            } else {
                if (access.voterKey(requester).equals("person:" + key)) {
                    continue;
                }
                approver = personRole(key, channelId).map(r -> r.atLeast(Role.APPROVER)).orElse(false);
                shown = key;
            }
            if (approver) {
                out.add(shown);
            }
        }
        return List.copyOf(out);
    }

    private Optional<Role> personRole(String person, String channelId) {
        Role inChannel = access.channels().getOrDefault(channelId, Map.of()).get(person);
        return Optional.ofNullable(inChannel != null ? inChannel : access.users().get(person));
    }
}
