package io.slurmops.bot.pipeline;

import io.slurmops.bot.config.Identity;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.reply.OneLine;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Stage 3: may this person run this command here, at its effective risk? Deny by default; a refusal
 * is audited and says which role is needed.
 */
final class AuthorizeStage {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizeStage.class);

    private final Authorizer authorizer;
    private final ChangeDesk changes;
    private final AuditStage audit;
    private final String prefix;

    /** @param changes null for a bot without a store (declared risks apply) */
    AuthorizeStage(Authorizer authorizer, ChangeDesk changes, AuditStage audit, String prefix) {
        this.authorizer = authorizer;
        this.changes = changes;
        this.audit = audit;
        this.prefix = prefix;
    }

    /** The declared risk, or the configured one when the approvals raise it. */
    Risk riskOf(SlurmCommand command) {
        return changes != null ? changes.riskOf(command) : command.spec().risk();
    }

    /** Empty when allowed; otherwise the answer that ends the line. */
    Optional<BotResponse> refusal(ChatMessage m, SlurmCommand command, Risk risk) {
        String name = command.spec().name();
        Optional<String> why = authorizer.refusal(Identity.of(m.platform(), m.userId()), m.userName(), m.channelId(), prefix + " " + name,
                command.spec(), risk);
        if (why.isEmpty()) {
            return Optional.empty();
        }
        LOG.info("refused {} for {} in {}", name, m.userId(), m.channelId());
        audit.refused(m, why.get());
        return Optional.of(new BotResponse(Reply.builder(OneLine.of(why.get())).status(Status.ERROR).build(), Outcome.REFUSED));
    }
}
