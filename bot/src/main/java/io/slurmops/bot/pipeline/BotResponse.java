package io.slurmops.bot.pipeline;

import io.slurmops.commands.reply.Reply;

import java.util.OptionalLong;

/**
 * What the pipeline answered and how it ended. {@code reply} is null when the message was ignored.
 *
 * @param posted    true when the reply was already posted to the channel by the step that made it (a
 *                  plan posted for vote, a report posted where the request was made)
 * @param requestId the approval request this line opened, 0 when it opened none; callers that follow up
 *                  on the request (an alert's suggested fix) read it here, never from the reply's text
 */
public record BotResponse(Reply reply, Outcome outcome, boolean posted, long requestId) {

    public BotResponse(Reply reply, Outcome outcome, boolean posted) {
        this(reply, outcome, posted, 0);
    }

    public BotResponse(Reply reply, Outcome outcome) {
        this(reply, outcome, false, 0);
    }

    public static BotResponse ignored() {
        return new BotResponse(null, Outcome.IGNORED);
    }

    /** The answer to a line that opened approval request {@code id} (planned, or recorded and rejected). */
    public static BotResponse forRequest(long id, Reply reply, Outcome outcome, boolean posted) {
        if (id <= 0) {
            throw new IllegalArgumentException("request ids are positive: " + id);
        }
        return new BotResponse(reply, outcome, posted, id);
    }

    /** The request this line opened, if it opened one. */
    public OptionalLong openedRequest() {
        return requestId > 0 ? OptionalLong.of(requestId) : OptionalLong.empty();
    }
}
