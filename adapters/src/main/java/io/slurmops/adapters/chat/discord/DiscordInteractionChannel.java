package io.slurmops.adapters.chat.discord;

import io.slurmops.adapters.chat.Emoji;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.reply.Reply;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Where a deferred /slurm answers. The first reply fills in the deferred response ("slurmops is
 * thinking…" becomes the answer, or the plan to vote on, with its ✅/❌); everything after it — votes,
 * the result an hour later — is a normal channel message replying to that response, because the
 * interaction's token, which the follow-up webhook needs, expires after 15 minutes.
 */
final class DiscordInteractionChannel implements ChatChannel {

    private final InteractionHook hook;
    private final MessageChannel channel;
    private final DiscordReplyRenderer renderer;
    private final String interactionId;
    private String response;

    DiscordInteractionChannel(InteractionHook hook, MessageChannel channel, DiscordReplyRenderer renderer,
                              String interactionId) {
        this.hook = hook;
        this.channel = channel;
        this.renderer = renderer;
        this.interactionId = interactionId;
    }

    @Override
    public synchronized String post(Reply reply) {
        if (response == null) {
            return respond(reply, null);
        }
        return replies().post(reply);
    }

    @Override
    public synchronized String postForVote(Reply plan) {
        if (response != null) {
            return replies().postForVote(plan);
        }
        String id = respond(plan, DiscordReplyChannel.newVoteKey());
        react(id, Emoji.DONE);
        react(id, Emoji.FAILED);
        return id;
    }

    @Override
    public String postInThread(String parentMessageId, Reply reply) {
        if (interactionId.equals(parentMessageId)) {
            return post(reply);                               // "under the command": under its response
        }
        return new DiscordReplyChannel(channel, parentMessageId, renderer).post(reply);
    }

    /** The command itself is no message (no receipts on it); anything else is a message in the channel. */
    @Override
    public void react(String messageId, String emoji) {
        if (!interactionId.equals(messageId)) {
            replies().react(messageId, emoji);
        }
    }

    @Override
    public void update(String messageId, Reply reply) {
        replies().update(messageId, reply);
    }

    private String respond(Reply reply, String voteKey) {
        response = hook.editOriginal(MessageEditData.fromCreateData(
                DiscordReplyChannel.build(renderer.render(reply), voteKey))).complete().getId();
        return response;
    }

    private DiscordReplyChannel replies() {
        return new DiscordReplyChannel(channel, response, renderer);
    }
}
