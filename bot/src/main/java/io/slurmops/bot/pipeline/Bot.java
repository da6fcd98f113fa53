package io.slurmops.bot.pipeline;

import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatHandler;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.site.ClusterAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * The one path every entry point takes: parse → authorize → run → reply. Slack, Discord, the
 * console and the CLI differ only in how they deliver the message and render the reply.
 */
public final class Bot implements ChatHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Bot.class);

    private final CommandCatalog catalog;
    private final ClusterAccess cluster;
    private final KnowledgeBase knowledgeBase;
    private final Authorizer authorizer;
    private final Clock clock;

    public Bot(CommandCatalog catalog, ClusterAccess cluster, KnowledgeBase knowledgeBase, Authorizer authorizer,
               Clock clock) {
        this.catalog = catalog;
        this.cluster = cluster;
        this.knowledgeBase = knowledgeBase;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    public CommandCatalog catalog() {
        return catalog;
    }

    @Override
    public void onMessage(ChatMessage message, ChatChannel channel) {
        BotResponse response = handle(message);
        if (response.reply() != null) {
            channel.post(response.reply());
        }
    }

    public BotResponse handle(ChatMessage message) {
        if (!catalog.addressed(message.text())) {
            return BotResponse.ignored();
        }
        CommandCatalog.Parsed parsed;
        try {
            parsed = catalog.parse(message.text());
        } catch (UsageException e) {
            return new BotResponse(Reply.error(e.getMessage(), e.correctForm()), Outcome.USAGE);
        }
        String name = parsed.command().spec().name();
        Optional<String> refusal = authorizer.refusal(message.userId(), message.userName(), message.channelId(),
                catalog.prefix() + " " + name, parsed.command().spec().risk());
        if (refusal.isPresent()) {
            LOG.info("refused {} for {} in {}", name, message.userId(), message.channelId());
            return new BotResponse(Reply.builder(refusal.get()).status(Status.ERROR).build(), Outcome.REFUSED);
        }
        CommandContext ctx = new CommandContext(cluster, knowledgeBase, clock, message.userName(), catalog.prefix());
        try {
            Reply reply = parsed.command().execute(parsed.invocation(), ctx);
            boolean failed = reply.status() == Status.ERROR || reply.status() == Status.CRITICAL;
            return new BotResponse(reply, failed ? Outcome.FAILED : Outcome.DONE);
        } catch (UsageException e) {
            return new BotResponse(Reply.error(e.getMessage(), e.correctForm()), Outcome.USAGE);
        } catch (RuntimeException e) {
            // A bug or an unexpected output must not reach the user as a stack trace, nor stop the bot.
            LOG.error("command {} failed unexpectedly for line [{}]", name, message.text(), e);
            return new BotResponse(Reply.builder("`" + name + "` failed unexpectedly: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ". The bot keeps running; the log has details.")
                    .status(Status.ERROR).build(), Outcome.FAILED);
        }
    }
}
