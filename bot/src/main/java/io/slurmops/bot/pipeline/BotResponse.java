package io.slurmops.bot.pipeline;

import io.slurmops.commands.reply.Reply;

/**
 * What the pipeline answered and how it ended. {@code reply} is null when the message was ignored.
 *
 * @param posted true when the reply was already posted to the channel by the step that made it (a
 *               plan posted for vote, a report posted where the request was made)
 */
public record BotResponse(Reply reply, Outcome outcome, boolean posted) {

    public BotResponse(Reply reply, Outcome outcome) {
        this(reply, outcome, false);
    }

    public static BotResponse ignored() {
        return new BotResponse(null, Outcome.IGNORED);
    }
}
