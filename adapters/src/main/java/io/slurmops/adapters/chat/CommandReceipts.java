package io.slurmops.adapters.chat;

import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatHandler;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one command with visible receipts on the command message: 👀 at once, then ✅ when it is
 * done, ❌ when it failed (an error reply or an exception), ⏳ when it posted a plan that now waits
 * for votes. People see that the bot heard them before a slow command answers.
 */
public final class CommandReceipts {

    private static final Logger LOG = LoggerFactory.getLogger(CommandReceipts.class);

    private CommandReceipts() {
    }

    public static void run(ChatHandler handler, ChatMessage message, ChatChannel channel) {
        safeReact(channel, message.messageId(), Emoji.EYES);
        Recording recording = new Recording(channel);
        String verdict;
        try {
            handler.onMessage(message, recording);
            verdict = recording.verdict();
        } catch (RuntimeException e) {
            LOG.error("{}: handler failed on message {} in {}", message.platform(), message.messageId(),
                    message.channelId(), e);
            verdict = Emoji.FAILED;
        }
        safeReact(channel, message.messageId(), verdict);
    }

    private static void safeReact(ChatChannel channel, String messageId, String emoji) {
        try {
            channel.react(messageId, emoji);
        } catch (RuntimeException e) {
            // A missing receipt must not hide the answer itself.
            LOG.warn("could not add {} to message {}: {}", emoji, messageId, e.toString());
        }
    }

    /** Passes everything through and remembers what the handler posted. */
    private static final class Recording implements ChatChannel {
        private final ChatChannel delegate;
        private volatile boolean failed;
        private volatile boolean voting;

        Recording(ChatChannel delegate) {
            this.delegate = delegate;
        }

        String verdict() {
            return failed ? Emoji.FAILED : voting ? Emoji.WAITING : Emoji.DONE;
        }

        @Override
        public String post(Reply reply) {
            note(reply);
            return delegate.post(reply);
        }

        @Override
        public String postForVote(Reply plan) {
            voting = true;
            note(plan);
            return delegate.postForVote(plan);
        }

        @Override
        public String postInThread(String parentMessageId, Reply reply) {
            note(reply);
            return delegate.postInThread(parentMessageId, reply);
        }

        @Override
        public String postOnce(String key, String parentMessageId, Reply reply, boolean forVote) {
            voting |= forVote;
            note(reply);
            return delegate.postOnce(key, parentMessageId, reply, forVote);
        }

        @Override
        public void react(String messageId, String emoji) {
            delegate.react(messageId, emoji);
        }

        @Override
        public void update(String messageId, Reply reply) {
            delegate.update(messageId, reply);
        }

        private void note(Reply reply) {
            if (reply.status() == Status.ERROR || reply.status() == Status.CRITICAL) {
                failed = true;
            }
        }
    }
}
