package io.slurmops.bot.pipeline;

import io.slurmops.commands.reply.Reply;

/** What the pipeline answered and how it ended. {@code reply} is null when the message was ignored. */
public record BotResponse(Reply reply, Outcome outcome) {

    public static BotResponse ignored() {
        return new BotResponse(null, Outcome.IGNORED);
    }
}
