package io.slurmops.bot.audit;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.bot.pipeline.BotCommand;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.pipeline.Desks;
import io.slurmops.bot.pipeline.Outcome;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;

import java.util.List;
import java.util.Optional;

/** {@code audit [N|#ID]}: the last N audit records (default 20), or the whole trail of request #ID. */
public final class AuditCommand implements BotCommand {

    private static final CommandSpec SPEC = CommandSpec.builder("audit")
            .arguments("[N|#ID]", 0, 1)
            .summary("The audit log: the last N records, or the full trail of request #ID")
            .description("Every request, vote, execution start and result: who, when, where, the command line, the "
                    + "plan hash, per-host exit codes, durations and output digests (never the output itself).")
            .build();

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 500;

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public BotResponse handle(Invocation inv, ChatMessage m, ChatChannel ch, Desks desks) throws UsageException {
        String arg = inv.optionalArg(0).orElse("");
        var zone = desks.clock().getZone();
        if (arg.startsWith("#")) {
            long id = BotCommand.requestId(arg, SPEC.usage(desks.prefix()));
            Optional<RequestRecord> r = desks.audit().request(id);
            List<AuditEntry> rows = desks.audit().trail(id);
            return new BotResponse(AuditView.trail(r, id, rows, zone), r.isPresent() ? Outcome.DONE : Outcome.USAGE);
        }
        int limit = DEFAULT_LIMIT;
        if (!arg.isEmpty()) {
            try {
                limit = Integer.parseInt(arg);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new UsageException("`" + arg + "` is neither a count (1–" + MAX_LIMIT + ") nor a request (#12)",
                        SPEC.usage(desks.prefix()));
            }
        }
        return new BotResponse(AuditView.recent(desks.audit().recent(limit), zone), Outcome.DONE);
    }
}
