package io.slurmops.bot.audit;

import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.bot.pipeline.BotCommand;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Desks;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;

import java.util.List;
import java.util.Optional;

/** {@code audit [N|#ID]}: the last N audit records (default 20), or the whole trail of request #ID. */
public final class AuditCommand extends DeclaredCommand implements BotCommand {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 500;

    public AuditCommand() {
        super(CommandSpec.builder("audit")
                .optional("selector", "N|#ID", ArgTypes.oneOf(ArgTypes.integer(1, MAX_LIMIT).as("count", "1–" + MAX_LIMIT),
                        ArgTypes.requestRef()))
                .summary("The audit log: the last N records, or the full trail of request #ID")
                .description("Every request, vote, execution start and result: who, when, where, the command line, the "
                        + "plan hash, per-host exit codes, durations and output digests (never the output itself).")
                .build());
    }

    @Override
    public BotResponse handle(Invocation inv, ChatMessage m, ChatChannel ch, Desks desks) throws UsageException {
        Object selector = inv.value("selector", Object.class).orElse(DEFAULT_LIMIT);
        var zone = desks.clock().getZone();
        if (selector instanceof Long id) {
            Optional<RequestRecord> r = desks.audit().request(id);
            List<AuditEntry> rows = desks.audit().trail(id);
            return new BotResponse(AuditView.trail(r, id, rows, zone), r.isPresent() ? Outcome.DONE : Outcome.USAGE);
        }
        return new BotResponse(AuditView.recent(desks.audit().recent((Integer) selector), zone), Outcome.DONE);
    }
}
