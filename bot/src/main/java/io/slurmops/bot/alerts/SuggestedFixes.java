package io.slurmops.bot.alerts;

import io.slurmops.bot.approval.VoteEmoji;
import io.slurmops.commands.catalog.Role;
import io.slurmops.bot.pipeline.Authorizer;
import io.slurmops.bot.pipeline.Bot;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.ReactionHook;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.chat.ReactionEvent;
import io.slurmops.adapters.store.Decision;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.time.Clock;
import java.util.Optional;

/**
 * One ✅ from an operator on an alert turns its suggested fix into a normal change request, as if
 * that person had typed it: it is planned, needs someone else's approval, and is audited. Nothing
 * runs from the alert itself.
 */
public final class SuggestedFixes implements ReactionHook {

    private final AlertStore store;
    private final Bot bot;
    private final Authorizer authorizer;
    private final String prefix;
    private final Clock clock;

    public SuggestedFixes(AlertStore store, Bot bot, Authorizer authorizer, String prefix, Clock clock) {
        this.store = store;
        this.bot = bot;
        this.authorizer = authorizer;
        this.prefix = prefix;
        this.clock = clock;
    }

    /**
     * Serialised: two operators reacting at once must open one request, not two (the second sees the
     * first's request id). Only the alert lease holder posts alerts, so one process handles them.
     */
    @Override
    public synchronized boolean handle(ReactionEvent r, ChatChannel channel) {
        Optional<Incident> found = store.byMessage(r.platform(), r.channelId(), r.messageId());
        if (found.isEmpty()) {
            return false;
        }
        Incident i = found.get();
        if (VoteEmoji.decision(r.emoji()).orElse(null) != Decision.APPROVE) {
            return true;
        }
        if (!i.isOpen()) {
            say(channel, i, "Incident #" + i.id() + " has already recovered; nothing to fix.", Status.INFO);
            return true;
        }
        if (i.repair().isBlank()) {
            say(channel, i, "Incident #" + i.id() + " has no automatic fix: a person must decide (see the diagnosis).",
                    Status.INFO);
            return true;
        }
        if (i.requestId() != null) {
            say(channel, i, "The fix for incident #" + i.id() + " is already requested as #" + i.requestId() + ".",
                    Status.INFO);
            return true;
        }
        Optional<Role> role = authorizer.roleOf(io.slurmops.bot.config.Identity.of(r.platform(), r.userId()), r.channelId());
        if (role.isEmpty() || !role.get().atLeast(Role.OPERATOR)) {
            say(channel, i, r.userName() + " cannot request fixes: the operator role is needed.", Status.ERROR);
            return true;
        }
        String line = prefix + " " + i.repair();
        // The pipeline posts its own answer (a plan, a refusal); bound to the alert's thread, it lands there
        // once on every platform, whatever thread the reaction's channel was bound to.
        BotResponse response = bot.handle(new ChatMessage(r.platform(), "fix:" + r.eventId(), r.channelId(),
                r.userId(), r.userName(), line, "fix:" + r.eventId(), clock.instant()),
                new ThreadBoundChannel(channel, i.messageId()));
        // The pipeline took the bound channel as this channel's: news for other requests must not land here.
        bot.attach(r.platform(), r.channelId(), channel);
        Incident updated = i.responded(clock.instant());
        // The pipeline says which request the line opened (also one that planning rejected).
        store.save(response.openedRequest().isPresent()
                ? updated.withRequest(Long.toString(response.openedRequest().getAsLong())) : updated);
        return true;
    }

    private static void say(ChatChannel channel, Incident i, String text, Status status) {
        channel.postInThread(i.messageId(), Reply.builder(text).status(status).build());
    }
}
