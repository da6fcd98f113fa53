package io.slurmops.adapters.chat.slack;

import io.slurmops.adapters.chat.Emoji;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * One conversation on Slack: a channel and the thread of the command. Every reply goes into that
 * thread so an incident channel stays readable; cut output is uploaded into the same thread.
 */
final class SlackThread implements ChatChannel {

    private static final Logger LOG = LoggerFactory.getLogger(SlackThread.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SlackWebApi web;
    private final SlackReplyRenderer renderer;
    private final String channel;
    private final String threadTs;
    private final BiConsumer<String, String> postedInThread;
    private final UnaryOperator<String> threadOf;

    /**
     * @param postedInThread told (message ts, thread ts) of each post, so votes on it find the thread
     * @param threadOf       the thread ts of a message the bot posted in a thread, null when not known
     */
    SlackThread(SlackWebApi web, SlackReplyRenderer renderer, String channel, String threadTs,
                BiConsumer<String, String> postedInThread, UnaryOperator<String> threadOf) {
        this.web = web;
        this.renderer = renderer;
        this.channel = channel;
        this.threadTs = threadTs;
        this.postedInThread = postedInThread;
        this.threadOf = threadOf;
    }

    String channel() {
        return channel;
    }

    String threadTs() {
        return threadTs;
    }

    @Override
    public String post(Reply reply) {
        return send(renderer.render(reply));
    }

    /**
     * A reply in the thread of {@code parentMessageId} (an alert's update, a request's result), whatever
     * thread this one is. Slack threads are one level deep: when the parent is itself a reply (a plan in
     * the command's thread), the reply goes into that thread, not under the reply's ts.
     */
    @Override
    public String postInThread(String parentMessageId, Reply reply) {
        String root = threadOf.apply(parentMessageId);
        return new SlackThread(web, renderer, channel, root != null ? root : parentMessageId, postedInThread, threadOf)
                .post(reply);
    }

    /** The plan with ✅/❌ already on it (one click to vote) and Approve/Deny buttons. */
    @Override
    public String postForVote(Reply plan) {
        String ts = send(renderer.renderForVote(plan, newVoteKey()));
        react(ts, Emoji.DONE);
        react(ts, Emoji.FAILED);
        return ts;
    }

    @Override
    public void react(String messageId, String emoji) {
        web.react(channel, messageId, Emoji.toSlackName(emoji));
    }

    @Override
    public void update(String messageId, Reply reply) {
        SlackMessage message = renderer.render(reply);
        web.update(channel, messageId, message);
        attachIfCut(message);
    }

    private String send(SlackMessage message) {
        String ts = web.postMessage(channel, threadTs, message);
        if (threadTs != null) {
            // A top-level post (an alert) is its own thread root: nothing to remember.
            postedInThread.accept(ts, threadTs);
        }
        attachIfCut(message);
        attachFiles(message);
        return ts;
    }

    private void attachFiles(SlackMessage message) {
        for (var file : message.files()) {
            try {
                web.uploadFile(channel, threadTs, file.fileName(), file.content());
            } catch (RuntimeException e) {
                LOG.warn("slack: could not upload {} to {}: {}", file.fileName(), channel, e.getMessage());
            }
        }
    }

    private void attachIfCut(SlackMessage message) {
        message.fullText().ifPresent(full -> {
            try {
                web.upload(channel, threadTs, message.fileName(), full, "Full output: " + message.fileName());
            } catch (RuntimeException e) {
                // The cut message is already posted; a failed upload must not turn it into an error.
                LOG.warn("slack: could not upload {} to {}: {}", message.fileName(), channel, e.getMessage());
            }
        });
    }

    private static String newVoteKey() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return "vote-" + HexFormat.of().formatHex(b);
    }
}
