package io.slurmops.commands.chat;

import io.slurmops.commands.reply.Reply;

/**
 * Where the bot answers one conversation. An adapter implements it for its platform: replies go
 * into the command's thread, a plan message gets its vote reactions, long output is cut and attached.
 */
public interface ChatChannel {

    /** Posts a reply and returns the platform's id of the posted message. */
    String post(Reply reply);

    /** Posts a plan that people vote on; adapters add ✅/❌ (and buttons where they exist). */
    default String postForVote(Reply plan) {
        return post(plan);
    }

    /** Posts a follow-up in the thread of an earlier message (alert updates, request results). */
    default String postInThread(String parentMessageId, Reply reply) {
        return post(reply);
    }

    /**
     * Posts a message that must appear once even when another instance posts it again because this one
     * died between sending it and recording its id (an alert, its recovery). A platform with an
     * idempotency key uses {@code key} for it (Discord: the message nonce, which it enforces for a few
     * minutes — far longer than a takeover takes); the others just post.
     *
     * @param parentMessageId the thread to post in; null for a top-level message
     */
    default String postOnce(String key, String parentMessageId, Reply reply, boolean forVote) {
        if (parentMessageId != null) {
            return postInThread(parentMessageId, reply);
        }
        return forVote ? postForVote(reply) : post(reply);
    }

    /**
     * Marks a message with an emoji, e.g. 👀 on receipt and ✅/❌ when done. Optional. The emoji is a
     * Slack-style name ("eyes", "white_check_mark", "x") or the Unicode character; adapters translate.
     */
    default void react(String messageId, String emoji) {
    }

    /**
     * Replaces a message this channel posted, e.g. a plan once its vote is over (buttons gone, verdict
     * shown). Optional: platforms without editing ignore it.
     */
    default void update(String messageId, Reply reply) {
    }
}
