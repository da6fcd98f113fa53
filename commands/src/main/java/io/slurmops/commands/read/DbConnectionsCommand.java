package io.slurmops.commands.read;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.site.AccountingDbProbe;
import io.slurmops.commands.site.ConnectionHolders;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The first step of the runbook's connection-exhaustion fix (slide 9): who holds the accounting
 * database's connections, from the process list grouped by user, client host and command, against
 * max_connections; then where the limit lives (my.cnf) and what slurmdbd.conf changes. Read-only.
 */
public final class DbConnectionsCommand extends DeclaredCommand {

    public DbConnectionsCommand() {
        super(CommandSpec.builder("db connections")
                .summary("Who holds the accounting DB's connections (SHOW PROCESSLIST grouped by user/host) vs max_connections")
                .description("Connects through site.accountingDb and groups the server's process list by user, client "
                        + "host and command, largest first, with Threads_connected and max_connections. An account "
                        + "without the PROCESS privilege sees only its own connections; the reply says so.")
                .build());
    }

    @Override
    public Reply execute(Invocation inv, CommandContext ctx) {
        Optional<AccountingDbProbe> probe = ctx.cluster().accountingDb();
        if (probe.isEmpty()) {
            return Reply.builder("db connections: no site.accountingDb in the configuration").status(Status.WARNING)
                    .paragraph("Configure site.accountingDb (url, user, passwordFile) to let the bot read the "
                            + "accounting database; `" + ctx.prefix() + " check db` still asks slurmdbd.").build();
        }
        ConnectionHolders h = probe.get().holders();
        if (!h.read()) {
            return Reply.builder("db connections: cannot read the process list: " + h.error()).status(Status.ERROR)
                    .addAll(io.slurmops.commands.diagnosis.KnowledgeBase.render(ctx.knowledgeBase().match(h.error()),
                            ctx.prefix())).build();
        }
        int pct = h.maxConnections() > 0 ? (int) Math.round(100.0 * h.threadsConnected() / h.maxConnections()) : -1;
        Status status = pct >= CheckDbCommand.CRIT_PERCENT ? Status.CRITICAL
                : pct >= CheckDbCommand.WARN_PERCENT ? Status.WARNING : Status.OK;
        Reply.Builder r = Reply.builder(String.format(Locale.ROOT, "db connections: %d of max_connections %d%s",
                h.threadsConnected(), h.maxConnections(), pct >= 0 ? " (" + pct + " %)" : "")).status(status);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"CONNECTIONS", "USER", "HOST", "COMMAND"});
        h.holders().forEach(x -> rows.add(new String[] {Long.toString(x.count()), x.user(), x.host(), x.command()}));
        r.code(TextTable.render(rows));
        if (h.listed() < h.threadsConnected()) {
            r.paragraph((h.threadsConnected() - h.listed()) + " connection(s) are not listed: this account lacks the "
                    + "PROCESS privilege, so it sees only its own.");
        }
        r.paragraph("The fix (runbook slide 9): stop or fix the holder that leaks (a client in a loop, a stuck "
                + "report); raise the limit in the server's my.cnf, `[mysqld] max_connections=N` (MariaDB's default "
                + "is 151), and restart MariaDB, then slurmdbd; `SET GLOBAL max_connections=N` (`" + ctx.prefix()
                + " db max-connections N`, approved) raises it at once but is lost at the next restart, so "
                + "change my.cnf too. In slurmdbd.conf, MaxQueryTimeRange "
                + "bounds the long sacct queries that hold connections.");
        return r.build();
    }
}
