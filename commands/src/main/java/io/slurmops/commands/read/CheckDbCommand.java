package io.slurmops.commands.read;

import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.reply.Block;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.site.AccountingDbProbe;
import io.slurmops.commands.site.AccountingDbReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accounting end to end: does slurmdbd answer ({@code sacctmgr show cluster}), and does its MariaDB —
 * reachable, connections against max_connections (warning from 80 %, the runbook's alert level),
 * {@code CHECK TABLE} of the cluster's job and step tables.
 */
public final class CheckDbCommand extends CheckCommand {

    static final int WARN_PERCENT = 80;
    static final int CRIT_PERCENT = 95;
    static final List<String> SACCTMGR_CLUSTER = List.of("sacctmgr", "-n", "-P", "show", "cluster", "format=Cluster");

    private static final CommandSpec SPEC = CommandSpec.builder("check db")
            .summary("Accounting: slurmdbd answers, MariaDB reachable, connections vs max_connections, CHECK TABLE")
            .description("Runs `sacctmgr show cluster` (through slurmdbd) and, when site.accountingDb is configured, "
                    + "connects to MariaDB: Threads_connected against max_connections (warning from 80 %) and "
                    + "CHECK TABLE on <cluster>_job_table and <cluster>_step_table. Read-only: it never repairs.")
            .build();

    public CheckDbCommand() {
        super(SPEC, "accounting");
    }

    @Override
    protected NodeTargets targets(Invocation inv, CommandContext ctx) {
        return new NodeTargets(List.of(), "");
    }

    @Override
    public CheckReport check(CommandContext ctx, NodeTargets unused) {
        Status status = Status.OK;
        List<String> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        ExecResult dbd = ctx.cluster().slurm(SACCTMGR_CLUSTER);
        if (dbd.ok()) {
            lines.add("slurmdbd: answers (clusters: " + String.join(", ", dbd.stdout().strip().lines().toList()) + ")");
        } else {
            lines.add("slurmdbd: " + StatusCommand.firstLine(dbd));
            problems.add("slurmdbd not answering");
            status = Status.CRITICAL;
            findings.addAll(ctx.knowledgeBase().match(dbd.combinedOutput()));
        }
        Optional<AccountingDbProbe> probe = ctx.cluster().accountingDb();
        if (probe.isEmpty()) {
            lines.add("MariaDB: not checked (no site.accountingDb in the configuration)");
        } else {
            AccountingDbReport r = probe.get().probe();
            if (!r.reachable()) {
                lines.add("MariaDB: unreachable: " + r.error());
                problems.add("MariaDB unreachable");
                status = Status.CRITICAL;
                findings.addAll(ctx.knowledgeBase().match(r.error()));
            } else {
                int pct = r.connectionPercent();
                String conn = r.threadsConnected() + " of max_connections " + r.maxConnections()
                        + (pct >= 0 ? " (" + pct + " %)" : "");
                lines.add("MariaDB: reachable; connections " + conn);
                if (pct >= WARN_PERCENT) {
                    status = status.worst(pct >= CRIT_PERCENT ? Status.CRITICAL : Status.WARNING);
                    problems.add("connections at " + pct + " %");
                    findings.add(ctx.knowledgeBase().finding("db-too-many-connections",
                            "connections at " + pct + "% of max_connections (" + conn + ")"));
                }
                for (AccountingDbReport.TableStatus t : r.tables()) {
                    lines.add("CHECK TABLE " + t.table() + ": " + t.msgType() + " " + t.msgText());
                    if (!t.ok()) {
                        status = status.worst(Status.CRITICAL);
                        problems.add(t.table() + " " + t.msgText());
                        List<Finding> f = ctx.knowledgeBase().match(t.msgText());
                        findings.addAll(f.isEmpty() && t.msgText().toLowerCase().contains("crashed")
                                ? List.of(ctx.knowledgeBase().finding("db-table-crashed", t.table() + ": " + t.msgText()))
                                : f);
                    }
                }
                if (!r.error().isBlank()) {
                    lines.add("note: " + r.error());
                    findings.addAll(ctx.knowledgeBase().match(r.error()));
                }
            }
        }
        String summary = problems.isEmpty()
                ? (probe.isPresent() ? "slurmdbd and the database answer" : "slurmdbd answers (database not configured)")
                : String.join("; ", problems);
        return new CheckReport(checkName(), status, summary, List.of(new Block.Code(String.join("\n", lines))),
                io.slurmops.commands.diagnosis.KnowledgeBase.withContext(findings, Map.of()));
    }
}
