package io.slurmops.commands.read;

import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.OptionSpec;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.slurm.PendingReasons;
import io.slurmops.commands.slurm.QueueEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The queue at a glance: counts by state, the top reasons jobs wait (explained), and the first jobs. */
public final class QueueCommand extends DeclaredCommand {

    /** squeue's state names and their short forms (squeue.1); "all" is squeue's own word for every state. */
    static final Set<String> STATES = Set.of("PENDING", "RUNNING", "SUSPENDED", "COMPLETING", "COMPLETED",
            "CANCELLED", "FAILED", "TIMEOUT", "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE", "OUT_OF_MEMORY",
            "CONFIGURING", "RESIZING", "RESV_DEL_HOLD", "REQUEUED", "REQUEUE_FED", "REQUEUE_HOLD", "REVOKED", "SIGNALING",
            "SPECIAL_EXIT", "STAGE_OUT", "STOPPED", "PD", "R", "S", "CG", "CD", "CA", "F", "TO", "NF", "PR", "BF", "DL",
            "OOM", "CF", "RS", "RQ", "RF", "RH", "RV", "SI", "SE", "SO", "ST", "ALL");
    private static final int TABLE_ROWS = 15;
    private static final int TOP_REASONS = 5;

    public QueueCommand() {
        super(CommandSpec.builder("queue")
                .summary("Jobs by state, the top reasons jobs wait (explained), and a compact table")
                .description("Runs `squeue` on the controller. Pending reasons come from squeue's %R, so a reason such as "
                        + "`ReqNodeNotAvail, UnavailableNodes:node002` keeps its node list; each is explained with its "
                        + "usual fix.")
                .option(OptionSpec.value("user", "USER", ArgTypes.user(), "only this user's jobs"))
                .option(OptionSpec.value("partition", "PARTITION", ArgTypes.name("partition"), "only this partition"))
                .option(OptionSpec.value("state", "STATE", ArgTypes.listOf(ArgTypes.choice("job state",
                        "use e.g. pending, running, completing, PD, R, or all", STATES)),
                        "only these states, comma-separated (pending, running, PD, R …)"))
                .build());
    }

    @Override
    public Reply execute(Invocation inv, CommandContext ctx) throws UsageException {
        String usage = usage(ctx);
        List<String> argv = new ArrayList<>(List.of("squeue", "-h", "-o", QueueEntry.FORMAT));
        Optional<String> user = inv.option("user");
        Optional<String> partition = inv.option("partition");
        Optional<String> state = inv.option("state");
        user.ifPresent(u -> argv.addAll(List.of("-u", u)));
        partition.ifPresent(p -> argv.addAll(List.of("-p", p)));
        if (state.isPresent()) {
            argv.addAll(List.of("-t", String.join(",", inv.list("--state"))));
        }
        ExecResult r = ctx.cluster().slurm(argv);
        if (!r.ok()) {
            return Reply.builder("Could not read the queue: squeue " + r.outcome()).status(Status.ERROR)
                    .code(r.combinedOutput().isBlank() ? r.outcome() : r.combinedOutput().strip())
                    .addAll(KnowledgeBase.render(ctx.knowledgeBase().match(r.combinedOutput()), ctx.prefix())).build();
        }
        if (r.stderr().contains("Invalid user:")) {
            // squeue exits 0 for an unknown user and only complains on stderr.
            throw new UsageException("unknown user `" + user.orElse("") + "`", usage);
        }
        List<QueueEntry> jobs = QueueEntry.parse(r.stdout());
        Map<String, Integer> byState = new TreeMap<>();
        jobs.forEach(j -> byState.merge(j.state(), 1, Integer::sum));
        String filter = describeFilter(user, partition, state);
        String counts = jobs.isEmpty() ? "no jobs" : String.join(", ", byState.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().toLowerCase(Locale.ROOT)).toList());
        Reply.Builder reply = Reply.builder("Queue" + filter + ": " + jobs.size() + " job(s) — " + counts)
                .status(Status.INFO);
        List<Finding> findings = new ArrayList<>();
        Map<String, Integer> reasons = new LinkedHashMap<>();
        jobs.stream().filter(QueueEntry::isPending).forEach(j -> reasons.merge(j.detailedReason(), 1, Integer::sum));
        if (!reasons.isEmpty()) {
            reply.heading("Why jobs wait");
            List<String> lines = new ArrayList<>();
            reasons.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(TOP_REASONS).forEach(e -> {
                String expl = PendingReasons.builtIn().explain(e.getKey())
                        .map(x -> " — " + x.meaning() + " Fix: " + x.fix()).orElse("");
                lines.add(e.getValue() + " × `" + e.getKey() + "`" + expl);
                findings.addAll(ctx.knowledgeBase().match(e.getKey()));
            });
            reply.bullets(lines);
        }
        if (!jobs.isEmpty()) {
            reply.code(table(jobs));
        }
        reply.addAll(KnowledgeBase.render(KnowledgeBase.distinct(findings), ctx.prefix()));
        return reply.build();
    }

    private static String describeFilter(Optional<String> user, Optional<String> partition, Optional<String> state) {
        List<String> parts = new ArrayList<>();
        user.ifPresent(u -> parts.add("user " + u));
        partition.ifPresent(p -> parts.add("partition " + p));
        state.ifPresent(s -> parts.add("state " + s.toLowerCase(Locale.ROOT)));
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    static String table(List<QueueEntry> jobs) {
        StringBuilder b = new StringBuilder(String.format("%-10s %-16s %-10s %-10s %-10s %-11s %5s  %s%n", "JOBID",
                "NAME", "USER", "PARTITION", "STATE", "TIME", "NODES", "NODELIST(REASON)"));
        jobs.stream().limit(TABLE_ROWS).forEach(j -> b.append(String.format("%-10s %-16s %-10s %-10s %-10s %-11s %5d  %s%n",
                j.jobId(), j.name().length() > 16 ? j.name().substring(0, 15) + "…" : j.name(), j.user(), j.partition(),
                j.state(), j.timeUsed(), j.nodes(), j.nodesOrReason())));
        if (jobs.size() > TABLE_ROWS) {
            b.append("… and ").append(jobs.size() - TABLE_ROWS).append(" more\n");
        }
        return b.toString();
    }
}
