package io.slurmops.adapters.chat.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.response.AckResponse;
import com.slack.api.socket_mode.response.MessagePayload;
import com.slack.api.socket_mode.response.MessageResponse;
import io.slurmops.adapters.chat.ChannelPolicy;
import io.slurmops.adapters.chat.ChatStartException;
import io.slurmops.adapters.chat.ChatWorkers;
import io.slurmops.adapters.chat.CommandReceipts;
import io.slurmops.adapters.chat.CommandText;
import io.slurmops.adapters.chat.Emoji;
import io.slurmops.adapters.chat.DeliveryLog;
import io.slurmops.adapters.chat.EventDeduplicator;
import io.slurmops.adapters.chat.slack.SocketModeEnvelopes.ButtonClick;
import io.slurmops.adapters.chat.slack.SocketModeEnvelopes.Envelope;
import io.slurmops.adapters.chat.slack.SocketModeEnvelopes.Hello;
import io.slurmops.adapters.chat.slack.SocketModeEnvelopes.Message;
import io.slurmops.adapters.chat.slack.SocketModeEnvelopes.Reaction;
import io.slurmops.adapters.chat.slack.SocketModeEnvelopes.SlashCommand;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatHandler;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.chat.ReactionEvent;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Slack over Socket Mode (no public endpoint needed). Commands come from "!slurm …" messages, from
 * "@slurmops …" mentions and from "/slurm …" slash commands ({@link SlackSlashCommands}); each is acked
 * at once, deduplicated, run off the socket thread with 👀/✅/❌ receipts, and answered in its thread.
 * Reactions (added and removed) and Approve/Deny clicks reach {@link ChatHandler#onReaction}.
 *
 * <p>Lifecycle: {@link #start()} blocks until the socket says hello and fails with a message naming
 * the setting to check; {@link #close()} disconnects. Reconnection on {@code disconnect} frames and
 * dead sockets is done by slack-api-client (new {@code apps.connections.open}, new socket).
 */
public final class SlackAdapter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlackAdapter.class);
    private static final Duration HELLO_TIMEOUT = Duration.ofSeconds(30);
    /** Java-WebSocket's close code for an attempt that never opened (no session was live). */
    private static final int NEVER_CONNECTED = -1;
    /** Message subtypes that are still a person typing; edits, joins, bot posts and deletions are not. */
    private static final Set<String> PERSON_SUBTYPES = Set.of("thread_broadcast", "file_share");

    private final SlackSettings settings;
    private final String commandPrefix;
    private final ChatHandler handler;
    private final ChannelPolicy policy;
    private final SlackReplyRenderer renderer = new SlackReplyRenderer();
    private final EventDeduplicator dedup = new EventDeduplicator();
    private volatile DeliveryLog deliveryLog = DeliveryLog.NONE;
    private final ChatWorkers workers = new ChatWorkers("slack", ChatWorkers.THREADS);
    /**
     * "channel/message ts" → thread ts for what the bot posted, so a vote on a plan is answered in its
     * thread. Keyed by channel too: a ts is unique only within its channel.
     */
    private final Cache<String, String> threadOf = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofDays(2)).maximumSize(50_000).build();
    private final CompletableFuture<Void> firstHello = new CompletableFuture<>();
    private final AtomicInteger hellos = new AtomicInteger();
    /**
     * Sessions greeted and not yet closed (what /readyz reports). A count, not a flag: on a refresh the
     * SDK opens the new session before it closes the old one, so the old close comes after the new hello.
     */
    private final AtomicInteger liveSessions = new AtomicInteger();

    private Slack slack;
    private SocketModeClient socket;
    private SlackWebApi web;
    private volatile String botUserId;
    private volatile String botId;
    private volatile CommandText commands;
    private volatile SlackSlashCommands slashCommands;

    /**
     * @param commandPrefix what starts a command, e.g. "!slurm" (a mention of the bot stands for it)
     * @param handler       receives commands and votes; called on the adapter's worker threads
     */
    public SlackAdapter(SlackSettings settings, String commandPrefix, ChatHandler handler) {
        this.settings = settings;
        this.commandPrefix = commandPrefix;
        this.handler = handler;
        this.policy = settings.channelPolicy();
    }

    /** Connects; returns once Socket Mode is live. Throws {@link ChatStartException} saying what to check. */
    public synchronized void start() {
        if (slack != null) {
            throw new IllegalStateException("slack adapter already started");
        }
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.webApiUrl());
        // Stats would start metrics threads and call auth.test again per token; the bot does not read them.
        config.setStatsEnabled(false);
        slack = Slack.getInstance(config);
        web = new SlackWebApi(slack.methods(settings.botToken()));
        try {
            AuthTestResponse auth = identify();
            openSocket();
            waitForHello();
            LOG.info("slack: connected as @{} (team {} {}), {}", auth.getUser(), auth.getTeam(), auth.getTeamId(),
                    policy.describe());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private AuthTestResponse identify() {
        AuthTestResponse auth;
        try {
            auth = web.authTest();
        } catch (IOException e) {
            throw new ChatStartException("slack: cannot reach the Web API at " + settings.webApiUrl() + " ("
                    + e.getMessage() + "). Check network access to slack.com (proxy, firewall) and slack.webApiUrl.", e);
        } catch (SlackApiException e) {
            throw new ChatStartException("slack: auth.test answered HTTP " + e.getResponse().code() + " at "
                    + settings.webApiUrl() + ". Check slack.webApiUrl and any proxy in between.", e);
        }
        if (!auth.isOk()) {
            throw new ChatStartException("slack: the bot token was rejected (" + auth.getError() + "). Check "
                    + "slack.botToken: it must be the Bot User OAuth Token (xoxb-…) of the app, installed in the workspace.");
        }
        botUserId = auth.getUserId();
        botId = auth.getBotId();
        commands = new CommandText(commandPrefix, Pattern.compile("<@" + Pattern.quote(botUserId) + "(?:\\|[^>]*)?>"));
        slashCommands = new SlackSlashCommands(slack, web, policy, commands.prefix(), handler, this::thread);
        return auth;
    }

    private void openSocket() {
        try {
            socket = slack.socketMode(settings.appToken(), SocketModeClient.Backend.JavaWebSocket);
        } catch (IOException | RuntimeException e) {
            throw new ChatStartException("slack: could not open a Socket Mode connection (" + e.getMessage() + "). "
                    + "Check slack.appToken: an app-level token (xapp-…) with the connections:write scope, "
                    + "and that Socket Mode is enabled in the app settings.", e);
        }
        socket.addWebSocketMessageListener(this::onFrame);
        socket.addWebSocketErrorListener(e -> LOG.warn("slack: socket error: {}", e.toString()));
        socket.addWebSocketCloseListener((code, reason) -> {
            LOG.debug("slack: socket closed ({} {})", code, reason);
            if (code == null || code != NEVER_CONNECTED) {
                liveSessions.updateAndGet(n -> Math.max(0, n - 1));
            }
            firstHello.completeExceptionally(new IOException("socket closed (" + code + " " + reason + ")"));
        });
        try {
            socket.connect();
        } catch (IOException e) {
            throw new ChatStartException("slack: could not connect to Socket Mode (" + e.getMessage()
                    + "). Check network access to wss-primary.slack.com.", e);
        }
    }

    private void waitForHello() {
        try {
            firstHello.get(HELLO_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new ChatStartException("slack: Socket Mode did not greet within " + HELLO_TIMEOUT.toSeconds()
                    + " s (" + (e.getCause() == null ? "timeout" : e.getCause().getMessage()) + "). Check network "
                    + "access to wss-primary.slack.com and that slack.appToken belongs to this app.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatStartException("slack: interrupted while connecting", e);
        }
    }

    /**
     * Records deliveries durably before they are acked (by default nothing is recorded and every
     * envelope is acked on arrival). Set before {@link #start}.
     */
    public void setDeliveryLog(DeliveryLog log) {
        this.deliveryLog = log;
    }

    /**
     * On the SDK's socket threads: hand the work to our own threads. Without a delivery log the ack
     * goes first; with one, a command, vote or click is acked only once it is recorded (see {@link #once}).
     */
    private void onFrame(String frame) {
        Envelope env = SocketModeEnvelopes.parse(frame);
        SocketModeEnvelopes.Inbound in = env.inbound();
        if (in instanceof SlashCommand c) {
            onSlashCommand(env, c);
            return;
        }
        boolean recorded = deliveryLog != DeliveryLog.NONE
                && (in instanceof Message || in instanceof Reaction || in instanceof ButtonClick);
        if (env.envelopeId() != null && !recorded) {
            // Before anything else: Slack redelivers what is not acked within 3 s.
            ack(env);
        }
        if (in instanceof Hello) {
            onHello();
        } else if (in instanceof Message m) {
            once(m.dedupKey(), env, () -> onMessage(m));
        } else if (in instanceof Reaction r) {
            once(r.dedupKey(), env, () -> onReaction(r));
        } else if (in instanceof ButtonClick c) {
            once(c.dedupKey(), env, () -> onClick(c));
        } else if (in instanceof SocketModeEnvelopes.Other o) {
            LOG.debug("slack: ignoring {}", o.description());
        }
    }

    /** Acked at once (with the refusal as an ephemeral answer when it will not run), then run off the socket. */
    private void onSlashCommand(Envelope env, SlashCommand c) {
        String refusal = slashCommands.refusal(c);
        if (env.envelopeId() != null) {
            socket.sendSocketModeResponse(refusal == null ? new AckResponse(env.envelopeId())
                    : new MessageResponse(env.envelopeId(), MessagePayload.builder().text(refusal).build()));
        }
        if (refusal == null) {
            once(c.dedupKey(), env, () -> slashCommands.run(c));
        }
    }

    private void onHello() {
        liveSessions.updateAndGet(n -> Math.max(0, n) + 1);
        if (hellos.incrementAndGet() > 1) {
            LOG.info("slack: Socket Mode reconnected");
        }
        firstHello.complete(null);
    }

    /** True while Socket Mode is connected (greeted, not closed since). */
    public boolean connected() {
        return liveSessions.get() > 0;
    }

    /** How many times Socket Mode reconnected since start. */
    public int reconnects() {
        return Math.max(0, hellos.get() - 1);
    }

    private void ack(Envelope env) {
        socket.sendSocketModeResponse(new AckResponse(env.envelopeId()));
    }

    private void once(String key, Envelope env, Runnable work) {
        if (deliveryLog == DeliveryLog.NONE) {
            if (dedup.firstTime(key)) {
                workers.submit(work);
            } else {
                LOG.debug("slack: dropping redelivered {} (retry_attempt {})", key, env.retryAttempt());
            }
            return;
        }
        // Recorded first, on our threads (the store may take a moment); acked only once recorded. An
        // event that cannot be recorded is not acked: Slack redelivers it (retry_attempt 1, 2, 3), and
        // the redelivery runs once the store is back.
        workers.submit(() -> {
            boolean first;
            try {
                first = deliveryLog.record("slack", "envelope:" + key);
            } catch (RuntimeException e) {
                LOG.warn("slack: cannot record {} now ({}); not acked, Slack will redeliver it (retry_attempt {})",
                        key, e.getMessage(), env.retryAttempt());
                return;
            }
            if (env.envelopeId() != null) {
                ack(env);
            }
            if (first && dedup.firstTime(key)) {
                work.run();
            } else {
                LOG.debug("slack: dropping redelivered {} (retry_attempt {})", key, env.retryAttempt());
            }
        });
    }

    private void onMessage(Message m) {
        if (m.subtype() != null && !PERSON_SUBTYPES.contains(m.subtype())) {
            return;                                           // edits, deletions, joins, bot posts
        }
        if (m.botId() != null || m.user() == null || m.user().equals(botUserId)) {
            return;                                           // this bot or another one
        }
        var command = commands.extract(m.text());
        if (command.isEmpty() || m.channel() == null || m.ts() == null) {
            return;
        }
        // A mention in a channel arrives twice (message + app_mention, different event ids): run it once.
        if (!dedup.firstTime("message:" + m.channel() + ":" + m.ts())) {
            return;
        }
        SlackThread thread = thread(m.channel(), m.threadTs() != null ? m.threadTs() : m.ts());
        switch (policy.decide(m.channel(), m.direct())) {
            case IGNORE -> LOG.debug("slack: ignoring a command in {} (not allowed)", m.channel());
            case REFUSE -> thread.post(Reply.builder(ChannelPolicy.refusal("slack", m.direct()))
                    .status(Status.ERROR).build());
            case ALLOW -> CommandReceipts.run(handler, new ChatMessage("slack", m.eventId(), m.channel(), m.user(),
                    web.user(m.user()).name(), command.get(), m.ts(), Instant.now()), thread);
        }
    }

    private void onReaction(Reaction r) {
        if (!"message".equals(r.itemType()) || r.user() == null || r.user().equals(botUserId)
                || r.channel() == null || r.ts() == null || !policy.allows(r.channel(), r.channel().startsWith("D"))) {
            return;                                           // the bot's own ✅/❌ on plans land here too
        }
        SlackWebApi.SlackUser user = web.user(r.user());
        if (user.bot()) {
            return;                                           // another app's reactions are not votes
        }
        handler.onReaction(new ReactionEvent("slack", r.eventId(), r.channel(), r.ts(), r.user(), user.name(),
                r.reaction(), Instant.now(), r.removed()), threadFor(r.channel(), r.ts()));
    }

    private void onClick(ButtonClick c) {
        boolean approve = SlackReplyRenderer.APPROVE_ACTION.equals(c.actionId());
        if (!approve && !SlackReplyRenderer.DENY_ACTION.equals(c.actionId())) {
            return;
        }
        if (c.user() == null || c.channel() == null || c.messageTs() == null
                || !policy.allows(c.channel(), c.channel().startsWith("D"))) {
            return;
        }
        SlackWebApi.SlackUser user = web.user(c.user());
        String name = user.name().equals(c.user()) && c.userName() != null ? c.userName() : user.name();
        handler.onReaction(new ReactionEvent("slack", c.dedupKey(), c.channel(), c.messageTs(), c.user(), name,
                approve ? Emoji.DONE : Emoji.FAILED, Instant.now()), threadFor(c.channel(), c.messageTs()));
    }

    private SlackThread threadFor(String channel, String messageTs) {
        String root = threadOf.getIfPresent(channel + "/" + messageTs);
        return thread(channel, root != null ? root : messageTs);
    }

    private SlackThread thread(String channel, String threadTs) {
        return new SlackThread(web, renderer, channel, threadTs,
                (ts, root) -> threadOf.put(channel + "/" + ts, root), ts -> threadOf.getIfPresent(channel + "/" + ts));
    }

    /**
     * Posting into a channel at top level (not a thread): where alerts go. Each alert's updates
     * then go into its own thread through {@link ChatChannel#postInThread}. Call after {@link #start}.
     */
    public ChatChannel channel(String channelId) {
        if (web == null) {
            throw new IllegalStateException("slack: start() first");
        }
        return thread(channelId, null);
    }

    /** The bot's user id from auth.test (null before start). */
    public String botUserId() {
        return botUserId;
    }

    /** The bot's bot id (B…) from auth.test (null before start). */
    public String botId() {
        return botId;
    }

    @Override
    public synchronized void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("slack: closing the socket: {}", e.toString());
            }
            socket = null;
        }
        workers.close();
        if (slack != null) {
            try {
                slack.close();
            } catch (Exception e) {
                LOG.debug("slack: closing the client: {}", e.toString());
            }
        }
    }
}
