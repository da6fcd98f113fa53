package io.slurmops.adapters.chat.discord;

import io.slurmops.adapters.chat.ChannelPolicy;
import io.slurmops.adapters.chat.ChatWorkers;
import io.slurmops.adapters.chat.CommandReceipts;
import io.slurmops.adapters.chat.CommandText;
import io.slurmops.adapters.chat.EventDeduplicator;
import io.slurmops.commands.chat.ChatHandler;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.chat.ReactionEvent;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.react.GenericMessageReactionEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionAddEvent;
import net.dv8tion.jda.api.events.message.react.MessageReactionRemoveEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * JDA events → the bot: typed commands, reactions added and removed (un-votes), button clicks. Runs
 * on JDA's event thread, so it only filters, deduplicates and hands work to the adapter's workers. Ignores bots (itself included), webhooks, system messages and channels
 * off the allow-list.
 */
final class DiscordEvents extends ListenerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordEvents.class);

    private final ChatHandler handler;
    private final ChannelPolicy policy;
    private final String commandPrefix;
    private final ChatWorkers workers;
    private final EventDeduplicator dedup = new EventDeduplicator();
    private final ReactionPresence presence = new ReactionPresence();
    private final DiscordReplyRenderer renderer = new DiscordReplyRenderer();
    private volatile long selfId;
    private volatile CommandText commands;

    DiscordEvents(ChatHandler handler, ChannelPolicy policy, String commandPrefix, ChatWorkers workers) {
        this.handler = handler;
        this.policy = policy;
        this.commandPrefix = commandPrefix;
        this.workers = workers;
    }

    /** Set once the bot knows who it is (REST users/@me, before the gateway delivers anything). */
    void self(long id) {
        this.selfId = id;
        this.commands = new CommandText(commandPrefix, Pattern.compile("<@!?" + id + ">"));
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent e) {
        User author = e.getAuthor();
        if (author.isBot() || author.isSystem() || e.isWebhookMessage() || author.getIdLong() == selfId
                || e.getMessage().getType().isSystem() || commands == null) {
            return;
        }
        var command = commands.extract(e.getMessage().getContentRaw());
        // Discord replays events after a resume; a command must still run once.
        if (command.isEmpty() || !dedup.firstTime("message:" + e.getMessageId())) {
            return;
        }
        boolean direct = !e.isFromGuild();
        DiscordReplyChannel replies = new DiscordReplyChannel(e.getChannel(), e.getMessageId(), renderer);
        switch (policy.decide(channelKey(e.getChannel(), e.isFromThread()), direct)) {
            case IGNORE -> LOG.debug("discord: ignoring a command in {} (not allowed)", e.getChannel().getId());
            case REFUSE -> workers.submit(() -> replies.post(Reply.builder(ChannelPolicy.refusal("discord", direct))
                    .status(Status.ERROR).build()));
            case ALLOW -> {
                // Roles and requests belong to the channel; a thread of it is the same place for both.
                ChatMessage message = new ChatMessage("discord", e.getMessageId(), channelKey(e.getChannel(), e.isFromThread()),
                        author.getId(), name(e.getMember(), author), command.get(), e.getMessageId(), Instant.now());
                workers.submit(() -> CommandReceipts.run(handler, message, replies));
            }
        }
    }

    @Override
    public void onMessageReactionAdd(MessageReactionAddEvent e) {
        User user = e.getUser();
        Member member = e.getMember();
        if (e.getUserIdLong() == selfId || (user != null && user.isBot())
                || (member != null && member.getUser().isBot())) {
            return;                                           // the bot's own ✅/❌ on plans land here too
        }
        reaction(e, member != null ? member.getEffectiveName() : user != null ? user.getEffectiveName() : null, false);
    }

    /** An un-vote. The gateway sends no member with a removal, so the name comes from the cache, if at all. */
    @Override
    public void onMessageReactionRemove(MessageReactionRemoveEvent e) {
        User user = e.getUser();
        if (e.getUserIdLong() == selfId || (user != null && user.isBot())) {
            return;
        }
        reaction(e, user != null ? user.getEffectiveName() : null, true);
    }

    /**
     * A reaction event carries no id, so each delivery gets one of its own; a replayed add (the same
     * person's same emoji, still on the message) is dropped by {@link ReactionPresence}, a removal is
     * always passed on (an un-vote is idempotent in the vote rules).
     */
    private void reaction(GenericMessageReactionEvent e, String name, boolean removed) {
        if (!policy.allows(channelKey(e.getChannel(), e.isFromThread()), !e.isFromGuild())) {
            return;
        }
        String emoji = e.getEmoji().getName();
        if (removed) {
            presence.removed(e.getMessageId(), e.getUserId(), emoji);
        } else if (!presence.added(e.getMessageId(), e.getUserId(), emoji)) {
            LOG.debug("replayed reaction {} by {} on {} ignored", emoji, e.getUserId(), e.getMessageId());
            return;
        }
        ReactionEvent reaction = new ReactionEvent("discord", "reaction:" + UUID.randomUUID(),
                channelKey(e.getChannel(), e.isFromThread()), e.getMessageId(), e.getUserId(), name, emoji,
                Instant.now(), removed);
        DiscordReplyChannel replies = new DiscordReplyChannel(e.getChannel(), e.getMessageId(), renderer);
        workers.submit(() -> handler.onReaction(reaction, replies));
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent e) {
        String id = e.getComponentId();
        boolean approve = id.startsWith(DiscordReplyChannel.APPROVE_PREFIX);
        if (!approve && !id.startsWith(DiscordReplyChannel.DENY_PREFIX)) {
            return;
        }
        // Discord wants an answer within 3 s or shows "interaction failed"; the vote itself answers in the thread.
        e.deferEdit().queue();
        MessageChannel channel = e.getChannel();
        if (!policy.allows(channelKey(channel, e.getChannelType().isThread()), !e.isFromGuild())
                || !dedup.firstTime("interaction:" + e.getId())) {
            return;
        }
        ReactionEvent reaction = new ReactionEvent("discord", "interaction:" + e.getId(),
                channelKey(channel, e.getChannelType().isThread()),
                e.getMessageId(), e.getUser().getId(), name(e.getMember(), e.getUser()), approve ? "✅" : "❌",
                Instant.now());
        DiscordReplyChannel replies = new DiscordReplyChannel(channel, e.getMessageId(), renderer);
        workers.submit(() -> handler.onReaction(reaction, replies));
    }

    /** A thread is allowed when its parent channel is: incidents often move into threads. */
    static String channelKey(MessageChannel channel, boolean thread) {
        if (thread && channel instanceof net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel t) {
            return t.getParentChannel().getId();
        }
        return channel.getId();
    }

    static String name(Member member, User user) {
        return member != null ? member.getEffectiveName() : user.getEffectiveName();
    }
}
