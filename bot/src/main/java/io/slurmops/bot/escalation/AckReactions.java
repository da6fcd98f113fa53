package io.slurmops.bot.escalation;

import io.slurmops.bot.alerts.AlertStore;
import io.slurmops.bot.alerts.Incident;
import io.slurmops.bot.config.Identity;
import io.slurmops.bot.pipeline.Authorizer;
import io.slurmops.bot.pipeline.ReactionHook;
import io.slurmops.commands.catalog.Role;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ReactionEvent;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.util.Optional;
import java.util.Set;

/**
 * A person's 👀 on an incident's message acknowledges it. The adapters never deliver the bot's own
 * reactions (its 👀 receipts, its ✅/❌ on the alert), so only people reach this. Other emoji pass on
 * (✅ goes to the suggested fix).
 */
public final class AckReactions implements ReactionHook {

    private static final Set<String> EYES = Set.of("eyes", ":eyes:", "👀");

    private final AlertStore alerts;
    private final Acknowledgements acks;
    private final Authorizer authorizer;

    public AckReactions(AlertStore alerts, Acknowledgements acks, Authorizer authorizer) {
        this.alerts = alerts;
        this.acks = acks;
        this.authorizer = authorizer;
    }

    @Override
    public boolean handle(ReactionEvent r, ChatChannel channel) {
        if (r.removed() || !EYES.contains(r.emoji())) {
            return false;                              // an acknowledgement is not taken back by removing the 👀
        }
        Optional<Incident> found = alerts.byMessage(r.platform(), r.channelId(), r.messageId());
        if (found.isEmpty()) {
            return false;
        }
        Incident i = found.get();
        if (!i.isOpen()) {
            return true;                               // a late 👀 on a recovered incident: nothing to stop
        }
        Optional<Role> role = authorizer.roleOf(Identity.of(r.platform(), r.userId()), r.channelId());
        if (role.isEmpty() || !role.get().atLeast(AckCommand.ROLE)) {
            say(channel, i, r.userName() + "'s 👀 does not acknowledge incident #" + i.id() + ": the "
                    + AckCommand.ROLE.name().toLowerCase(java.util.Locale.ROOT) + " role is needed.", Status.ERROR);
            return true;
        }
        Acknowledgements.Outcome o = acks.acknowledge(i, r.userName(), "reaction");
        if (o.first()) {
            acks.audit(r.platform(), r.channelId(), r.userId(), r.userName(), i);
            say(channel, i, AckCommand.acknowledged(i, o.ack()), Status.OK);
        }
        return true;
    }

    private static void say(ChatChannel channel, Incident i, String text, Status status) {
        channel.postInThread(i.messageId(), Reply.builder(text).status(status).build());
    }
}
