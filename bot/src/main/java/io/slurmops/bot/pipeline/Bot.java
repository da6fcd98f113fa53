package io.slurmops.bot.pipeline;

import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatHandler;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.chat.ReactionEvent;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.site.ClusterAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one path every entry point takes, as stages: {@link DedupStage dedup} → {@link ShortcutStage shortcuts}
 * → {@link ParseStage parse}
 * → {@link AuthorizeStage authorize} → {@link RouteStage route} (read / plan / vote) →
 * {@link AuditStage audit} → {@link RenderStage render}. Reactions take dedup → (an alert's hook, or
 * the vote desk) → render. Slack, Discord, the console and the CLI differ only in how they deliver the
 * message and render the reply. The stages know the approvals only through the {@link Desks}
 * interfaces, so this package depends on nothing in {@code approval} or {@code alerts}.
 */
public final class Bot implements ChatHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Bot.class);

    private final CommandCatalog catalog;
    private final Desks desks;
    private final DedupStage dedup;
    private final ParseStage parse;
    private final ShortcutStage shortcuts;
    private final AuthorizeStage authorize;
    private final RouteStage route;
    private volatile ReactionHook reactionHook = ReactionHook.NONE;
    private volatile CommandObserver observer = CommandObserver.NONE;
    private volatile Completer completer = Completer.NONE;
    private final Authorizer authorizer;

    /** A bot without a store: read commands only; changes are refused. */
    public Bot(CommandCatalog catalog, ClusterAccess cluster, KnowledgeBase knowledgeBase, Authorizer authorizer,
               Clock clock) {
        this(catalog, cluster, knowledgeBase, authorizer, clock, null);
    }

    /** @param desks the approval store's desks; null for a read-only bot */
    public Bot(CommandCatalog catalog, ClusterAccess cluster, KnowledgeBase knowledgeBase, Authorizer authorizer,
               Clock clock, Desks desks) {
        this.catalog = catalog;
        this.desks = desks;
        this.authorizer = authorizer;
        AuditStage audit = new AuditStage(desks == null ? null : desks.audit(), clock);
        this.dedup = new DedupStage(desks == null ? null : desks.deliveries(), clock);
        this.parse = new ParseStage(catalog);
        this.shortcuts = new ShortcutStage(audit, catalog.prefix());
        this.authorize = new AuthorizeStage(authorizer, desks == null ? null : desks.changes(), audit, catalog.prefix());
        this.route = new RouteStage(desks, requester -> new CommandContext(cluster, knowledgeBase, clock, requester,
                catalog.prefix(), 0), audit);
    }

    public CommandCatalog catalog() {
        return catalog;
    }

    public void setReactionHook(ReactionHook hook) {
        this.reactionHook = hook;
    }

    /** Who hears how each line ended (metrics); redeliveries and lines not addressed to the bot are not told. */
    public void setCommandObserver(CommandObserver observer) {
        this.observer = observer;
    }

    public void setCompleter(Completer completer) {
        this.completer = completer;
    }

    /** A platform with autocomplete is starting: let the completer fetch node names and ids now, not on first use. */
    public void warmCompletions() {
        completer.warm();
    }

    /** Autocomplete, only for someone with a role in that channel (node names and request ids are not for everyone). */
    @Override
    public List<String> complete(String platform, String channelId, String userId, String partial) {
        try {
            if (authorizer.roleOf(io.slurmops.bot.config.Identity.of(platform, userId), channelId).isEmpty()) {
                return List.of();
            }
            return completer.complete(partial == null ? "" : partial);
        } catch (RuntimeException e) {
            LOG.warn("autocomplete of [{}] failed: {}", partial, e.toString());
            return List.of();
        }
    }

    @Override
    public void onMessage(ChatMessage message, ChatChannel channel) {
        handle(message, channel);
    }

    @Override
    public void onReaction(ReactionEvent reaction, ChatChannel channel) {
        if (desks == null) {
            return;
        }
        try {
            if (!dedup.firstReaction(reaction, channel)) {
                return;
            }
        } catch (io.slurmops.adapters.store.StoreException e) {
            LOG.warn("reaction {} not recorded: {}", reaction.eventId(), e.getMessage());
            channel.post(RenderStage.cannotRecord("this vote", e));
            return;
        } catch (DedupStage.LateDelivery e) {
            LOG.warn("reaction {} not acted on: {}", reaction.eventId(), e.getMessage());
            channel.post(RenderStage.tooLate("this vote", e.waited));
            return;
        }
        try {
            if (reaction.removed()) {
                // An un-vote; an alert's suggested fix is not taken back by removing the ✅ that asked for it.
                desks.votes().withdrawByReaction(reaction, channel).ifPresent(r -> RenderStage.post(r, channel));
                return;
            }
            if (reactionHook.handle(reaction, channel)) {
                return;
            }
            desks.votes().voteByReaction(reaction, channel).ifPresent(r -> RenderStage.post(r, channel));
        } catch (RuntimeException e) {
            LOG.error("reaction {} failed", reaction.eventId(), e);
            channel.post(RenderStage.unexpected("vote", e));
        }
    }

    /** Tells the bot a channel object exists (a console, an adapter's channel): it gets what it missed. */
    public void attach(String platform, String channelId, ChatChannel channel) {
        dedup.attach(platform, channelId, channel);
    }

    /** Handles a message without a channel: nothing is posted; the main reply is returned. */
    public BotResponse handle(ChatMessage message) {
        return handle(message, new DetachedChannel());
    }

    /** Handles a message; every reply is posted to {@code channel}; the main one is also returned. */
    public BotResponse handle(ChatMessage message, ChatChannel channel) {
        if (!parse.addressed(message.text())) {
            return BotResponse.ignored();
        }
        long started = System.nanoTime();
        String[] command = {CommandObserver.UNKNOWN};       // the grammar's name, once parsed
        BotResponse response;
        try {
            if (!dedup.firstMessage(message, channel)) {
                return BotResponse.ignored();
            }
        } catch (io.slurmops.adapters.store.StoreException e) {
            LOG.warn("message {} not recorded: {}", message.eventId(), e.getMessage());
            response = new BotResponse(RenderStage.cannotRecord("this command", e), Outcome.FAILED);
            RenderStage.postRefusal(response, message, channel);
            return response;
        } catch (DedupStage.LateDelivery e) {
            LOG.warn("message {} not acted on: {}", message.eventId(), e.getMessage());
            response = new BotResponse(RenderStage.tooLate("this command", e.waited), Outcome.FAILED);
            RenderStage.postRefusal(response, message, channel);
            return response;
        }
        try {
            response = dispatch(message, channel, command);
        } catch (RuntimeException e) {
            // A bug, an unexpected output or a store outage must not reach the user as a stack trace.
            LOG.error("line [{}] failed unexpectedly", message.text(), e);
            response = new BotResponse(RenderStage.unexpected("the command", e), Outcome.FAILED);
        }
        RenderStage.post(response, channel);
        observe(command[0], response.outcome(), started);
        return response;
    }

    private void observe(String command, Outcome outcome, long startedNanos) {
        try {
            observer.handled(command, outcome, Duration.ofNanos(System.nanoTime() - startedNanos));
        } catch (RuntimeException e) {
            LOG.warn("command observer failed: {}", e.toString());      // metrics never fail a command
        }
    }

    private BotResponse dispatch(ChatMessage message, ChatChannel channel, String[] command) {
        Optional<BotResponse> shortcut = shortcuts.refusal(message);
        if (shortcut.isPresent()) {
            return shortcut.get();
        }
        CommandCatalog.Parsed parsed;
        try {
            parsed = parse.parse(message.text());
        } catch (UsageException e) {
            return RenderStage.usage(e);
        }
        command[0] = parsed.command().spec().name();
        Risk risk = authorize.riskOf(parsed.command());
        Optional<BotResponse> refusal = authorize.refusal(message, parsed.command(), risk);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        try {
            return route.route(parsed, risk, message, channel);
        } catch (UsageException e) {
            return RenderStage.usage(e);
        }
    }
}
