package io.slurmops.adapters.chat.slack;

import com.google.gson.JsonObject;
import com.slack.api.Slack;
import io.slurmops.adapters.chat.ChannelPolicy;
import io.slurmops.adapters.chat.CommandReceipts;
import io.slurmops.adapters.chat.slack.SocketModeEnvelopes.SlashCommand;
import io.slurmops.commands.chat.ChatHandler;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.util.function.BiFunction;

/**
 * "/slurm …" on Slack. A slash command leaves no message in the channel, so the bot posts one — the
 * command as typed and who typed it — and runs the command as "!slurm …" with that post as its
 * message: the answer goes into the post's thread, the 👀/✅/❌ receipts onto the post, and the line
 * enters the one pipeline like any typed command (same grammar, roles, approvals, audit).
 *
 * <p>Where commands are not taken, the envelope's ack carries a short answer only the invoker sees
 * (Slack shows a payload in a slash command's ack as an ephemeral message), so nothing is posted.
 */
final class SlackSlashCommands {

    private static final Logger LOG = LoggerFactory.getLogger(SlackSlashCommands.class);

    private final Slack slack;
    private final SlackWebApi web;
    private final ChannelPolicy policy;
    private final String prefix;
    private final ChatHandler handler;
    /** (channel, thread ts or null for top level) → where to post. */
    private final BiFunction<String, String, SlackThread> threads;

    SlackSlashCommands(Slack slack, SlackWebApi web, ChannelPolicy policy, String prefix, ChatHandler handler,
                       BiFunction<String, String, SlackThread> threads) {
        this.slack = slack;
        this.web = web;
        this.policy = policy;
        this.prefix = prefix;
        this.handler = handler;
        this.threads = threads;
    }

    /** Decided before the ack (pure, no I/O): null when the command runs, else what to tell the invoker. */
    String refusal(SlashCommand c) {
        if (c.user() == null || c.channel() == null) {
            return "slurmops could not read this command (no user or channel in it).";
        }
        return switch (policy.decide(c.channel(), c.direct())) {
            case ALLOW -> null;
            // Ephemeral: the invoker asked the bot directly, and nobody else sees the answer.
            case IGNORE, REFUSE -> ChannelPolicy.refusal("slack", c.direct());
        };
    }

    /** On a worker thread, after the ack. */
    void run(SlashCommand c) {
        String name = web.user(c.user()).name();
        String args = c.text() == null ? "" : c.text().strip();
        String typed = (c.command() == null ? "/slurm" : c.command()) + (args.isEmpty() ? "" : " " + args);
        String anchor;
        try {
            anchor = threads.apply(c.channel(), null).post(Reply.builder("`" + typed.replace("`", "'") + "` — " + name)
                    .status(Status.INFO).build());
        } catch (RuntimeException e) {
            LOG.warn("slack: cannot post a slash command's answer in {}: {}", c.channel(), e.getMessage());
            tellInvoker(c, "slurmops cannot post in this channel (" + e.getMessage() + "). Invite it: /invite @slurmops");
            return;
        }
        ChatMessage message = new ChatMessage("slack", c.dedupKey(), c.channel(), c.user(), name,
                args.isEmpty() ? prefix : prefix + " " + args, anchor, Instant.now());
        CommandReceipts.run(handler, message, threads.apply(c.channel(), anchor));
    }

    /** An ephemeral answer through the command's response_url (valid for 30 minutes). */
    private void tellInvoker(SlashCommand c, String text) {
        if (c.responseUrl() == null) {
            return;
        }
        JsonObject body = new JsonObject();
        body.addProperty("response_type", "ephemeral");
        body.addProperty("text", text);
        try {
            slack.send(c.responseUrl(), body.toString());
        } catch (IOException | RuntimeException e) {
            LOG.warn("slack: could not answer through the slash command's response_url: {}", e.getMessage());
        }
    }
}
