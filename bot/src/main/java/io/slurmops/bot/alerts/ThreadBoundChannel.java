package io.slurmops.bot.alerts;

import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.reply.Reply;

/**
 * A channel whose plain posts go into one message's thread (an alert's): what the pipeline answers a
 * fix requested from an alert belongs under that alert. Plans for vote, threads of other messages,
 * reactions and edits go to the channel as they would.
 */
final class ThreadBoundChannel implements ChatChannel {

    private final ChatChannel channel;
    private final String parentMessageId;

    ThreadBoundChannel(ChatChannel channel, String parentMessageId) {
        this.channel = channel;
        this.parentMessageId = parentMessageId;
    }

    @Override
    public String post(Reply reply) {
        return channel.postInThread(parentMessageId, reply);
    }

    @Override
    public String postForVote(Reply plan) {
        return channel.postForVote(plan);
    }

    @Override
    public String postInThread(String parent, Reply reply) {
        return channel.postInThread(parent, reply);
    }

    @Override
    public String postOnce(String key, String parentMessageId, Reply reply, boolean forVote) {
        return channel.postOnce(key, parentMessageId == null && !forVote ? this.parentMessageId : parentMessageId,
                reply, forVote);
    }

    @Override
    public void react(String messageId, String emoji) {
        channel.react(messageId, emoji);
    }

    @Override
    public void update(String messageId, Reply reply) {
        channel.update(messageId, reply);
    }
}
