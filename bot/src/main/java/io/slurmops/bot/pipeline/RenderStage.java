package io.slurmops.bot.pipeline;

import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

/**
 * Stage 6: the main reply goes to the channel (whose adapter renders it for its platform) unless the
 * step that made it posted it already; bad input and unexpected failures become replies too, never
 * stack traces.
 */
final class RenderStage {

    private RenderStage() {
    }

    static void post(BotResponse response, ChatChannel channel) {
        if (response.reply() != null && !response.posted()) {
            channel.post(response.reply());
        }
    }

    /**
     * A command refused because it could not be recorded: on Discord every instance gets the event and
     * refuses it, so the refusal is keyed by the event (Discord's nonce) and the channel shows it once.
     */
    static void postRefusal(BotResponse response, io.slurmops.commands.chat.ChatMessage message, ChatChannel channel) {
        channel.postOnce("refused:" + message.platform() + ":" + message.eventId(), null, response.reply(), false);
    }

    /** Bad input: what was wrong and the correct form. */
    static BotResponse usage(UsageException e) {
        return new BotResponse(Reply.error(e.getMessage(), e.correctForm()), Outcome.USAGE);
    }

    /**
     * The store could not record the delivery: nothing was done, and the person is told to try again
     * (acting unrecorded would let a redelivery or another instance run it a second time).
     */
    static Reply cannotRecord(String what, RuntimeException e) {
        return Reply.builder("cannot record " + what + " now: the store is unreachable (" + e.getMessage()
                + "). Nothing was done; try again in a moment.").status(Status.ERROR).build();
    }

    /** Recorded too late to act on: another instance may already have said "cannot record" (see DedupStage). */
    static Reply tooLate(String what, java.time.Duration waited) {
        return Reply.builder("cannot act on " + what + ": the store recorded it only " + waited.toSeconds()
                + " s after it arrived (the store was unreachable or the bot overloaded). Nothing was done; "
                + "try again.").status(Status.ERROR).build();
    }

    static Reply unexpected(String what, RuntimeException e) {
        return Reply.builder(what + " failed unexpectedly: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ". The bot keeps running; the log has details.")
                .status(Status.ERROR).build();
    }
}
