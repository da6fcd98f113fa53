package io.slurmops.bot.wiring;

import io.slurmops.adapters.chat.discord.DiscordAdapter;
import io.slurmops.adapters.chat.slack.SlackAdapter;
import io.slurmops.bot.config.ChatConfig;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The connected chat platforms. {@link #start} connects each configured one in turn (Slack, then
 * Discord); if one fails, those already connected are closed and the failure, which names the
 * platform and the setting to check, goes to the caller.
 */
public final class ChatAdapters implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChatAdapters.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private SlackAdapter slack;
    private DiscordAdapter discord;

    private ChatAdapters() {
    }

    /**
     * @param prefix  the command prefix of the configuration (e.g. "!slurm")
     * @param handler usually {@code Application.bot()}
     */
    public static ChatAdapters start(ChatConfig config, String prefix, ChatHandler handler) {
        ChatAdapters adapters = new ChatAdapters();
        try {
            config.slack().ifPresent(s -> {
                SlackAdapter slack = new SlackAdapter(s, prefix, handler);
                adapters.started.push(slack);
                slack.start();
                adapters.slack = slack;
            });
            config.discord().ifPresent(d -> {
                if (handler instanceof io.slurmops.bot.pipeline.Bot bot) {
                    bot.warmCompletions();                  // /slurm's autocomplete answers from memory
                }
                DiscordAdapter discord = new DiscordAdapter(d, prefix, handler);
                adapters.started.push(discord);
                discord.start();
                adapters.discord = discord;
            });
        } catch (RuntimeException e) {          // ChatStartException names the platform and setting
            adapters.close();
            throw e;
        }
        return adapters;
    }

    /**
     * A top-level channel for alerts, named "slack:C0123" or "discord:1234…".
     *
     * @throws IllegalArgumentException when the platform is not connected or the name is malformed
     */
    public ChatChannel channel(String name) {
        int colon = name.indexOf(':');
        String platform = colon < 0 ? "" : name.substring(0, colon);
        String id = name.substring(colon + 1);
        if (platform.equals("slack") && slack != null) {
            return slack.channel(id);
        }
        if (platform.equals("discord") && discord != null) {
            return discord.channel(id);
        }
        throw new IllegalArgumentException("alerts.channel `" + name + "`: expected slack:CHANNEL_ID or "
                + "discord:CHANNEL_ID of a connected platform");
    }

    /** Each connected platform ("slack", "discord") and whether its connection is up now (for /readyz). */
    public java.util.Map<String, Boolean> connections() {
        java.util.Map<String, Boolean> out = new java.util.TreeMap<>();
        if (slack != null) {
            out.put("slack", slack.connected());
        }
        if (discord != null) {
            out.put("discord", discord.connected());
        }
        return out;
    }

    /** Reconnections of {@code platform} since start (0 for one not connected). */
    public int reconnects(String platform) {
        if (platform.equals("slack") && slack != null) {
            return slack.reconnects();
        }
        if (platform.equals("discord") && discord != null) {
            return discord.reconnects();
        }
        return 0;
    }

    /** Disconnects in reverse order of connection. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable a = started.pop();
            try {
                a.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", a.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
