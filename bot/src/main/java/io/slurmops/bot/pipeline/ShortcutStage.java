package io.slurmops.bot.pipeline;

import io.slurmops.commands.catalog.ChatLineTokenizer;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.commands.guard.Shortcut;
import io.slurmops.commands.guard.Shortcuts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Stage 2a, before parsing: a line that spells one of the runbook's shortcuts that backfire
 * ({@code down ALL}, {@code restart slurmctld slurmdbd}, {@code rm /var/lib/slurm/*}) is refused with
 * the runbook to use instead, and audited as rejected. It runs before the catalog so that lines the
 * catalog does not know ({@code rm …}) get the runbook, not "unknown command".
 */
final class ShortcutStage {

    private static final Logger LOG = LoggerFactory.getLogger(ShortcutStage.class);

    private final AuditStage audit;
    private final String prefix;

    ShortcutStage(AuditStage audit, String prefix) {
        this.audit = audit;
        this.prefix = prefix;
    }

    /** Empty when the line is no known shortcut; otherwise the refusal that ends it. */
    Optional<BotResponse> refusal(ChatMessage m) {
        String body = m.text().strip().substring(prefix.length()).strip();
        Optional<Shortcut> shortcut;
        try {
            shortcut = Shortcuts.typed(ChatLineTokenizer.tokenize(body));
        } catch (UsageException e) {
            return Optional.empty(); // the parse stage reports the bad quoting
        }
        if (shortcut.isEmpty()) {
            return Optional.empty();
        }
        LOG.info("refused shortcut {} for {} in {}", shortcut.get().id(), m.userId(), m.channelId());
        audit.rejected(m, shortcut.get().refusal(prefix));
        return Optional.of(new BotResponse(shortcut.get().reply(prefix), Outcome.REFUSED));
    }
}
