package io.slurmops.bot.cli;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.adapters.store.StoreException;
import io.slurmops.bot.audit.AuditView;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.commands.reply.Reply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Reads the audit log straight from the store, without starting the bot. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Print the audit log: the last N records, or the whole trail of one request.",
                "Exit codes: 0 printed, 2 no such request or bad option, 4 bad configuration, 5 store unreachable."})
final class AuditCliCommand implements Callable<Integer> {

    @Mixin
    ConfigOption configOption;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many records (default 20)")
    int limit;

    @Option(names = "--request", paramLabel = "ID", description = "The full trail of request ID (12 or #12)")
    String request;

    @Override
    public Integer call() {
        SlurmopsConfig config = configOption.loadOrReport().orElse(null);
        if (config == null) {
            return ConfigOption.BAD_CONFIG;
        }
        if (limit < 1 || limit > 10_000) {
            System.err.println("slurmops: --limit takes 1 to 10000");
            return 2;
        }
        try (SlurmopsStore store = SlurmopsStore.open(config.store().url(), config.store().user(),
                config.store().password())) {
            ZoneId zone = ZoneId.systemDefault();
            if (request != null) {
                long id;
                try {
                    id = Long.parseLong(request.startsWith("#") ? request.substring(1) : request);
                } catch (NumberFormatException e) {
                    System.err.println("slurmops: `" + request + "` is not a request number");
                    return 2;
                }
                Optional<RequestRecord> r = store.transaction(tx -> tx.request(id));
                List<AuditEntry> rows = store.transaction(tx -> tx.auditOf(id));
                Reply reply = AuditView.trail(r, id, rows, zone);
                (r.isPresent() ? System.out : System.err).println(reply.toPlainText().stripTrailing());
                return r.isPresent() ? 0 : 2;
            }
            System.out.println(AuditView.recent(store.transaction(tx -> tx.recentAudit(limit)), zone).toPlainText()
                    .stripTrailing());
            return 0;
        } catch (StoreException e) {
            System.err.println("slurmops: " + e.getMessage());
            return 5;
        }
    }
}
