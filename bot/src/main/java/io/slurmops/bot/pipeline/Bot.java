package io.slurmops.bot.pipeline;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.AuditKind;
import io.slurmops.bot.approval.Approvals;
import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatHandler;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.chat.ReactionEvent;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.plan.ChangeCommand;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.site.ClusterAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one path every entry point takes: dedup → parse → authorize → run a read / plan a change for
 * approval / count a vote → reply. Slack, Discord, the console and the CLI differ only in how they
 * deliver the message and render the reply.
 */
public final class Bot implements ChatHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Bot.class);

    private final CommandCatalog catalog;
    private final ClusterAccess cluster;
    private final KnowledgeBase knowledgeBase;
    private final Authorizer authorizer;
    private final Clock clock;
    private final Approvals approvals;

    /** A bot without a store: read commands only; changes are refused. */
    public Bot(CommandCatalog catalog, ClusterAccess cluster, KnowledgeBase knowledgeBase, Authorizer authorizer,
               Clock clock) {
        this(catalog, cluster, knowledgeBase, authorizer, clock, null);
    }

    public Bot(CommandCatalog catalog, ClusterAccess cluster, KnowledgeBase knowledgeBase, Authorizer authorizer,
               Clock clock, Approvals approvals) {
        this.catalog = catalog;
        this.cluster = cluster;
        this.knowledgeBase = knowledgeBase;
        this.authorizer = authorizer;
        this.clock = clock;
        this.approvals = approvals;
    }

    public CommandCatalog catalog() {
        return catalog;
    }

    public Optional<Approvals> approvals() {
        return Optional.ofNullable(approvals);
    }

    /** A command context for {@code requester}; {@code requestId} 0 outside approval requests. */
    public CommandContext context(String requester, long requestId) {
        return new CommandContext(cluster, knowledgeBase, clock, requester, catalog.prefix(), requestId);
    }

    @Override
    public void onMessage(ChatMessage message, ChatChannel channel) {
        handle(message, channel);
    }

    /** Reactions on messages that are not plans (an alert's suggested fix); true when it took the reaction. */
    @FunctionalInterface
    public interface ReactionHook {
        boolean handle(ReactionEvent reaction, ChatChannel channel);
    }

    private volatile ReactionHook reactionHook = (r, c) -> false;

    public void setReactionHook(ReactionHook hook) {
        this.reactionHook = hook;
    }

    @Override
    public void onReaction(ReactionEvent reaction, ChatChannel channel) {
        if (approvals == null) {
            return;
        }
        try {
            if (reaction.channelId() != null) {
                approvals.attach(reaction.platform(), reaction.channelId(), channel);
            }
            if (!approvals.firstDelivery(reaction.platform(), "reaction:" + reaction.eventId())) {
                LOG.debug("redelivered reaction {} ignored", reaction.eventId());
                return;
            }
            if (reactionHook.handle(reaction, channel)) {
                return;
            }
            approvals.onReaction(reaction, channel).ifPresent(r -> {
                if (!r.posted() && r.reply() != null) {
                    channel.post(r.reply());
                }
            });
        } catch (RuntimeException e) {
            LOG.error("reaction {} failed", reaction.eventId(), e);
            channel.post(unexpected("vote", e));
        }
    }

    /** Tells the bot a channel object exists (a console, an adapter's channel): it gets what it missed. */
    public void attach(String platform, String channelId, ChatChannel channel) {
        if (approvals != null) {
            approvals.attach(platform, channelId, channel);
        }
    }

    /** Handles a message without a channel: nothing is posted; the main reply is returned. */
    public BotResponse handle(ChatMessage message) {
        return handle(message, new DetachedChannel());
    }

    /** Handles a message; every reply is posted to {@code channel}; the main one is also returned. */
    public BotResponse handle(ChatMessage message, ChatChannel channel) {
        if (!catalog.addressed(message.text())) {
            return BotResponse.ignored();
        }
        BotResponse response;
        try {
            if (approvals != null) {
                if (!(channel instanceof DetachedChannel)) {
                    approvals.attach(message.platform(), message.channelId(), channel);
                }
                // Marked before it is handled: a redelivery during or after handling is dropped.
                if (!approvals.firstDelivery(message.platform(), message.eventId())) {
                    LOG.info("redelivered message {} from {} ignored", message.eventId(), message.platform());
                    return BotResponse.ignored();
                }
            }
            response = dispatch(message, channel);
        } catch (RuntimeException e) {
            // A bug, an unexpected output or a store outage must not reach the user as a stack trace.
            LOG.error("line [{}] failed unexpectedly", message.text(), e);
            response = new BotResponse(unexpected("the command", e), Outcome.FAILED);
        }
        if (response.reply() != null && !response.posted()) {
            channel.post(response.reply());
        }
        return response;
    }

    private BotResponse dispatch(ChatMessage message, ChatChannel channel) {
        CommandCatalog.Parsed parsed;
        try {
            parsed = catalog.parse(message.text());
        } catch (UsageException e) {
            return new BotResponse(Reply.error(e.getMessage(), e.correctForm()), Outcome.USAGE);
        }
        SlurmCommand command = parsed.command();
        String name = command.spec().name();
        Risk risk = approvals != null ? approvals.policy().riskOf(command) : command.spec().risk();
        Optional<String> refusal = authorizer.refusal(io.slurmops.bot.config.Identity.of(message.platform(), message.userId()), message.userName(), message.channelId(),
                catalog.prefix() + " " + name, command.spec(), risk);
        if (refusal.isPresent()) {
            LOG.info("refused {} for {} in {}", name, message.userId(), message.channelId());
            audit(AuditKind.REFUSED, message, refusal.get());
            return new BotResponse(Reply.builder(refusal.get()).status(Status.ERROR).build(), Outcome.REFUSED);
        }
        try {
            if (command instanceof BotCommand || command instanceof ChangeCommand) {
                if (approvals == null) {
                    return new BotResponse(Reply.error("`" + name + "` needs the approval store, which this bot "
                            + "runs without"), Outcome.FAILED);
                }
                if (command instanceof BotCommand b) {
                    return b.handle(parsed.invocation(), message, channel, approvals);
                }
                return approvals.request((ChangeCommand) command, parsed.invocation(), risk, message, channel);
            }
            Reply reply = command.execute(parsed.invocation(), context(message.userName(), 0));
            boolean failed = reply.status() == Status.ERROR || reply.status() == Status.CRITICAL;
            audit(AuditKind.READ, message, reply.status().name().toLowerCase(java.util.Locale.ROOT));
            return new BotResponse(reply, failed ? Outcome.FAILED : Outcome.DONE);
        } catch (UsageException e) {
            return new BotResponse(Reply.error(e.getMessage(), e.correctForm()), Outcome.USAGE);
        }
    }

    /** Reads and refusals are audited too; a store outage must not block diagnostics, so it is only logged. */
    private void audit(AuditKind kind, ChatMessage m, String detail) {
        if (approvals == null) {
            return;
        }
        try {
            approvals.audit(AuditEntry.of(kind, clock.instant()).actor(m.userId(), m.userName())
                    .where(m.platform(), m.channelId()).line(m.text().strip()).detail(detail).build());
        } catch (RuntimeException e) {
            LOG.warn("audit of [{}] failed: {}", m.text(), e.getMessage());
        }
    }

    private static Reply unexpected(String what, RuntimeException e) {
        return Reply.builder(what + " failed unexpectedly: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ". The bot keeps running; the log has details.")
                .status(Status.ERROR).build();
    }

    /** Where replies go when the caller only wants the returned one. */
    private static final class DetachedChannel implements ChatChannel {
        private static final AtomicLong IDS = new AtomicLong();

        @Override
        public String post(Reply reply) {
            return "detached-" + IDS.incrementAndGet();
        }
    }
}
