package io.slurmops.bot.reliability.faults;

import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.reply.Reply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The path the console takes: {@code Bot.handle} with a channel that keeps every post (titles), as
 * typed by alice (operator) and bob (approver) in channel {@code faults}.
 */
final class DirectDriver implements Driver {

    static final String PLATFORM = "console";
    static final String CHANNEL = "faults";

    private final MatrixCell cell;
    private final Channel channel = new Channel();

    DirectDriver(MatrixCell cell) {
        this.cell = cell;
        cell.app().bot().attach(PLATFORM, CHANNEL, channel);
    }

    @Override
    public long request(String line) {
        BotResponse r = say("alice", line);
        if (r.requestId() <= 0) {
            throw new AssertionError(line + " opened no request: " + r.reply().toPlainText());
        }
        return r.requestId();
    }

    @Override
    public void approve(long id) {
        say("bob", "!slurm approve " + id);
    }

    @Override
    public List<String> messages() {
        return channel.titles();
    }

    @Override
    public boolean answers() {
        return say("carol", "!slurm nodes").outcome() == Outcome.DONE;
    }

    @Override
    public void reattach() {
        cell.app().bot().attach(PLATFORM, CHANNEL, channel);
    }

    private BotResponse say(String who, String line) {
        String id = UUID.randomUUID().toString();
        return cell.app().bot().handle(new ChatMessage(PLATFORM, id, CHANNEL, who, who, line, id, Instant.now()),
                channel);
    }

    /** Keeps what was posted, with platform-like ids. */
    static final class Channel implements ChatChannel {
        private final List<String> titles = new ArrayList<>();

        @Override
        public synchronized String post(Reply reply) {
            titles.add(reply.title());
            return "m" + titles.size();
        }

        @Override
        public String postForVote(Reply plan) {
            return post(plan);
        }

        @Override
        public String postInThread(String parent, Reply reply) {
            return post(reply);
        }

        synchronized List<String> titles() {
            return List.copyOf(titles);
        }
    }
}
