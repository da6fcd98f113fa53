package io.slurmops.adapters.chat.discord;

import io.slurmops.adapters.chat.ChannelPolicy;
import io.slurmops.adapters.chat.ChatStartException;
import io.slurmops.adapters.chat.ChatWorkers;
import io.slurmops.commands.chat.ChatHandler;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.CloseCode;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Discord through JDA (light cache; intents GUILD_MESSAGES, GUILD_MESSAGE_REACTIONS, MESSAGE_CONTENT when
 * granted, plus the DM intents only when DMs are on). Commands from "!slurm …", "@bot …" or the /slurm
 * application command ({@link DiscordSlashCommands}), answered as replies with 👀/✅/❌ receipts;
 * reactions (added and removed) and Approve/Deny buttons reach {@link ChatHandler#onReaction}. JDA
 * reconnects and resumes by itself and handles REST rate limits (429 / Retry-After) in its requester.
 *
 * <p>Lifecycle: {@link #start()} blocks until the gateway is READY and fails with a message naming
 * the setting to check; {@link #close()} shuts JDA down.
 */
public final class DiscordAdapter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordAdapter.class);
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final DiscordSettings settings;
    private final ChannelPolicy policy;
    private final ChatWorkers workers = new ChatWorkers("discord", ChatWorkers.THREADS);
    private final DiscordEvents events;
    private final DiscordSlashCommands slash;
    private volatile CompletableFuture<JDA> ready = new CompletableFuture<>();
    private volatile JDA jda;
    private final java.util.concurrent.atomic.AtomicInteger reconnects = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean messageContent = true;
    private volatile boolean closing;

    /**
     * @param commandPrefix what starts a command, e.g. "!slurm" (a mention of the bot stands for it)
     * @param handler       receives commands and votes; called on the adapter's worker threads
     */
    public DiscordAdapter(DiscordSettings settings, String commandPrefix, ChatHandler handler) {
        this.settings = settings;
        this.policy = settings.channelPolicy();
        this.events = new DiscordEvents(handler, policy, commandPrefix, workers);
        this.slash = new DiscordSlashCommands(handler, policy, commandPrefix, workers);
    }

    /**
     * Connects; returns once the gateway is READY. Throws {@link ChatStartException} saying what to check.
     * When the gateway refuses the privileged MESSAGE_CONTENT intent (close 4014) the bot connects again
     * without it and says so: typed "!slurm …" lines then arrive empty, but /slurm and @mentions work.
     */
    public synchronized void start() {
        if (jda != null) {
            throw new IllegalStateException("discord adapter already started");
        }
        try {
            connect(true);
        } catch (IntentRefused e) {
            LOG.warn(WITHOUT_CONTENT);
            connect(false);
        }
    }

    static final String WITHOUT_CONTENT = "discord: the gateway refused the MESSAGE_CONTENT intent (close 4014); "
            + "connecting without it. Typed \"!slurm …\" lines cannot be read; /slurm … and @mentions of the bot "
            + "work. To read typed commands, enable \"Message Content Intent\" in Developer Portal → your "
            + "application → Bot → Privileged Gateway Intents.";

    /** Whether typed commands can be read (the MESSAGE_CONTENT intent was granted). */
    public boolean readsMessageContent() {
        return messageContent;
    }

    private void connect(boolean withContent) {
        messageContent = withContent;
        ready = new CompletableFuture<>();
        EnumSet<GatewayIntent> intents = EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.GUILD_MESSAGE_REACTIONS);
        if (withContent) {
            intents.add(GatewayIntent.MESSAGE_CONTENT);
        } else {
            net.dv8tion.jda.api.entities.Message.suppressContentIntentWarning();   // said above, once, our way
        }
        if (settings.directMessages()) {
            intents.add(GatewayIntent.DIRECT_MESSAGES);
            intents.add(GatewayIntent.DIRECT_MESSAGE_REACTIONS);
        }
        JDABuilder builder = JDABuilder.createLight(settings.token(), intents)
                .setRestConfig(new RestConfig().setBaseUrl(settings.restUrl()))
                .setEnableShutdownHook(false)                 // the bot closes adapters in order
                .addEventListeners(events, slash, new Lifecycle());
        if (settings.customGateway()) {
            // JDABuilder takes the gateway from the session controller, not from GET /gateway/bot.
            String url = settings.gatewayUrl();
            builder.setSessionController(new ConcurrentSessionController() {
                @Override
                public String getGateway() {
                    return url;
                }
            });
        }
        try {
            jda = builder.build();                           // logs in over REST: checks the token
            events.self(jda.getSelfUser().getIdLong());
        } catch (InvalidTokenException e) {
            throw new ChatStartException("discord: the bot token was rejected (401 Unauthorized). Check discord.token: "
                    + "Developer Portal → your application → Bot → Reset Token, and paste the new one.", e);
        } catch (RuntimeException e) {
            throw new ChatStartException("discord: cannot reach the REST API at " + settings.restUrl() + " ("
                    + e + "). Check network access to discord.com (proxy, firewall) and discord.restUrl.", e);
        }
        awaitReady(withContent);
    }

    private void awaitReady(boolean withContent) {
        try {
            JDA connected = ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            LOG.info("discord: connected as @{} ({} guild{}), {}{}", connected.getSelfUser().getName(),
                    connected.getGuilds().size(), connected.getGuilds().size() == 1 ? "" : "s", policy.describe(),
                    withContent ? "" : "; without MESSAGE_CONTENT: only /" + slash.name() + " and @mentions are read");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IntentRefused refused && withContent) {
                jda = null;                                   // JDA has shut itself down
                throw refused;
            }
            close();
            throw e.getCause() instanceof ChatStartException c ? c
                    : new ChatStartException("discord: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            close();
            throw new ChatStartException("discord: the gateway at " + settings.gatewayUrl() + " was not ready within "
                    + READY_TIMEOUT.toSeconds() + " s. Check network access to gateway.discord.gg (websocket) "
                    + "and discord.gatewayUrl.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new ChatStartException("discord: interrupted while connecting", e);
        }
    }

    /** The gateway closed with 4014 while MESSAGE_CONTENT was asked for. */
    private static final class IntentRefused extends RuntimeException {
        IntentRefused() {
            super("MESSAGE_CONTENT refused (4014)", null, false, false);
        }
    }

    /** Completes start(): READY, or the close code that ended the session before it. */
    private final class Lifecycle extends ListenerAdapter {
        @Override
        public void onReady(ReadyEvent e) {
            slash.register(e.getJDA(), settings.slashCommand());
            ready.complete(e.getJDA());
        }

        @Override
        public void onSessionResume(net.dv8tion.jda.api.events.session.SessionResumeEvent e) {
            reconnects.incrementAndGet();
        }

        @Override
        public void onSessionRecreate(net.dv8tion.jda.api.events.session.SessionRecreateEvent e) {
            reconnects.incrementAndGet();
        }

        @Override
        public void onShutdown(ShutdownEvent e) {
            CompletableFuture<JDA> r = ready;
            if (e.getCloseCode() == CloseCode.DISALLOWED_INTENTS && messageContent) {
                if (!r.completeExceptionally(new IntentRefused()) && !closing) {
                    // Refused on a later identify (the portal toggle turned off while running): carry on without it.
                    LOG.warn(WITHOUT_CONTENT);
                    Thread t = new Thread(() -> {
                        try {
                            connect(false);
                        } catch (RuntimeException ex) {
                            LOG.error("discord: reconnecting without MESSAGE_CONTENT failed: {}", ex.getMessage());
                        }
                    }, "discord-reconnect");
                    t.setDaemon(true);
                    t.start();
                }
                return;
            }
            r.completeExceptionally(new ChatStartException(shutdownReason(e.getCloseCode(), e.getCode())));
        }
    }

    static String shutdownReason(CloseCode code, int raw) {
        if (code == CloseCode.DISALLOWED_INTENTS) {
            return "discord: the gateway refused the MESSAGE_CONTENT intent (close 4014). Enable \"Message Content "
                    + "Intent\" in Developer Portal → your application → Bot → Privileged Gateway Intents.";
        }
        if (code == CloseCode.AUTHENTICATION_FAILED) {
            return "discord: the gateway rejected the bot token (close 4004). Check discord.token.";
        }
        return "discord: the gateway closed the session (" + (code == null ? "code " + raw : code + " " + raw)
                + ") before it was ready. Check discord.token and discord.gatewayUrl.";
    }

    /** Posting into a text channel (not as a reply): where alerts go. Call after {@link #start}. */
    public io.slurmops.commands.chat.ChatChannel channel(String channelId) {
        JDA j = jda;
        if (j == null) {
            throw new IllegalStateException("discord: start() first");
        }
        net.dv8tion.jda.api.entities.channel.middleman.MessageChannel c = j.getChannelById(
                net.dv8tion.jda.api.entities.channel.middleman.MessageChannel.class, channelId);
        if (c == null) {
            throw new IllegalArgumentException("discord: no channel " + channelId + " visible to the bot");
        }
        return new DiscordReplyChannel(c, null, new DiscordReplyRenderer());
    }

    /**
     * True while the gateway session is up: JDA's CONNECTED, or LOADING_SUBSYSTEMS, which it reports
     * for a moment after READY (and after a resume) while its caches settle.
     */
    public boolean connected() {
        JDA j = jda;
        return j != null && (j.getStatus() == JDA.Status.CONNECTED || j.getStatus() == JDA.Status.LOADING_SUBSYSTEMS);
    }

    /** How many times the gateway session was resumed or recreated since start. */
    public int reconnects() {
        return reconnects.get();
    }

    /** The bot's user id (null before start). */
    public String botUserId() {
        JDA j = jda;
        return j == null ? null : j.getSelfUser().getId();
    }

    @Override
    public synchronized void close() {
        closing = true;
        // Let commands and votes in flight finish while JDA can still post their answers; events that
        // arrive meanwhile are dropped (the platform redelivers nothing, but nothing half-runs either).
        workers.close();
        JDA j = jda;
        if (j != null) {
            j.shutdown();
            try {
                if (!j.awaitShutdown(Duration.ofSeconds(5))) {
                    j.shutdownNow();
                }
            } catch (InterruptedException e) {
                j.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
