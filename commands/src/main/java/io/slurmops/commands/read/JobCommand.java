package io.slurmops.commands.read;

import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.site.LogSource;
import io.slurmops.commands.slurm.JobDetail;
import io.slurmops.commands.slurm.MemorySize;
import io.slurmops.commands.slurm.PendingReasons;
import io.slurmops.commands.slurm.SacctRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One job: what slurmctld knows (while it still knows it) plus accounting, why it waits, how much
 * memory it used against what it asked for, and whether it was killed for memory.
 */
public final class JobCommand extends DeclaredCommand {

    private static final int LOG_LINES = 2000;

    public JobCommand() {
        super(CommandSpec.builder("job")
                .required("JOBID", ArgTypes.jobId())
                .summary("One job: state, why it waits, memory used vs requested, OOM kills")
                .description("Runs `scontrol show job` (slurmctld forgets finished jobs after MinJobAge) and `sacct -j` "
                        + "(accounting). A pending job's reason is explained with its usual fix; for a job that ran, "
                        + "MaxRSS of its steps is compared with ReqMem, and an OOM kill is recognised from the state "
                        + "OUT_OF_MEMORY, exit code 0:125 or the oom-kill message in the node's slurmd log.")
                .build());
    }

    @Override
    public Reply execute(Invocation inv, CommandContext ctx) throws UsageException {
        String usage = usage(ctx);
        String id = inv.jobId("jobid");
        ExecResult show = ctx.cluster().slurm("scontrol", "show", "job", id);
        Optional<JobDetail> live = show.ok() ? JobDetail.parse(show.stdout()) : Optional.empty();
        boolean ctldSaysUnknown = JobDetail.isInvalidJobId(show.combinedOutput());
        ExecResult acct = ctx.cluster().slurm(SacctRecord.argv(id));
        List<SacctRecord> records = acct.ok() ? SacctRecord.parse(acct.stdout()) : List.of();
        if (live.isEmpty() && records.isEmpty()) {
            if (ctldSaysUnknown && acct.ok()) {
                throw new UsageException("unknown job " + id + ": slurmctld says `Invalid job id specified` and "
                        + "accounting has no record of it", usage);
            }
            List<Finding> f = new ArrayList<>(ctx.knowledgeBase().match(show.combinedOutput()));
            f.addAll(ctx.knowledgeBase().match(acct.combinedOutput()));
            return Reply.builder("Could not look up job " + id).status(Status.ERROR)
                    .code(("scontrol: " + show.combinedOutput().strip() + "\nsacct: " + acct.combinedOutput().strip()).strip())
                    .addAll(KnowledgeBase.render(KnowledgeBase.distinct(f), ctx.prefix())).build();
        }
        return describe(id, live, records, show, acct, ctx);
    }

    private Reply describe(String id, Optional<JobDetail> live, List<SacctRecord> records, ExecResult show,
                           ExecResult acct, CommandContext ctx) {
        Optional<SacctRecord> jobLine = records.stream().filter(SacctRecord::isJob).findFirst();
        String state = live.map(JobDetail::state).orElseGet(() -> jobLine.map(SacctRecord::state).orElse("UNKNOWN"));
        String name = live.map(JobDetail::name).orElseGet(() -> jobLine.map(SacctRecord::jobName).orElse(""));
        Reply.Builder reply = Reply.builder("Job " + id + (name.isEmpty() ? "" : " (" + name + ")") + ": " + state);
        List<Finding> findings = new ArrayList<>();
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        live.ifPresent(j -> {
            fields.add(Map.entry("User", j.user() + " · account " + j.account() + " · QOS " + j.qos()));
            fields.add(Map.entry("Partition", j.partition() + " · " + j.numNodes() + " node(s), " + j.numCpus() + " CPU(s)"));
            if (!j.nodeList().isBlank()) {
                fields.add(Map.entry("Nodes", j.nodeList()));
            }
            fields.add(Map.entry("Time", "run " + j.runTime() + " of limit " + j.timeLimit()));
            fields.add(Map.entry("Submitted", j.submitTime() + (j.startTime().equals("Unknown") ? ""
                    : " · started " + j.startTime())));
        });
        if (live.isEmpty()) {
            jobLine.ifPresent(j -> {
                fields.add(Map.entry("User", j.user() + " · partition " + j.partition()));
                fields.add(Map.entry("Nodes", j.nodeList()));
                fields.add(Map.entry("Time", "elapsed " + j.elapsed() + " of limit " + j.timeLimit()));
                fields.add(Map.entry("Ran", j.start() + " → " + j.end()));
            });
            reply.paragraph("slurmctld no longer holds this job (" + firstLine(show) + "); details from accounting.");
        }
        jobLine.ifPresent(j -> fields.add(Map.entry("Exit code", j.exitCode())));
        reply.fields(fields);

        live.filter(JobDetail::isPending).ifPresent(j -> explainPending(j, reply, findings, ctx));
        memory(live, records, jobLine, reply, findings, ctx, id);
        if (!acct.ok()) {
            reply.escalate(Status.WARNING).paragraph("Accounting unavailable: " + firstLine(acct));
            findings.addAll(ctx.knowledgeBase().match(acct.combinedOutput()));
        }
        if (records.size() > 1) {
            reply.heading("Steps").code(stepsTable(records));
        }
        String failedState = jobLine.map(SacctRecord::baseState).orElse(state);
        if (List.of("FAILED", "NODE_FAIL", "TIMEOUT").contains(failedState)) {
            reply.escalate(Status.WARNING);
        }
        reply.addAll(KnowledgeBase.render(KnowledgeBase.distinct(KnowledgeBase.withContext(findings, Map.of("job", id))), ctx.prefix()));
        return reply.build();
    }

    private static void explainPending(JobDetail j, Reply.Builder reply, List<Finding> findings, CommandContext ctx) {
        reply.heading("Why it waits: " + j.reasonText());
        Optional<PendingReasons.Explanation> e = PendingReasons.builtIn().explain(j.reason());
        if (e.isPresent()) {
            reply.fields(List.of(Map.entry("Meaning", e.get().meaning()), Map.entry("Fix", e.get().fix())));
        } else {
            reply.paragraph("Slurm's reason `" + j.reasonText() + "` is not in the bot's table; see Slurm's job reason codes.");
        }
        if (!j.dependency().equals("(null)")) {
            reply.paragraph("Dependency: `" + j.dependency() + "`");
        }
        findings.addAll(KnowledgeBase.withContext(ctx.knowledgeBase().match(j.reasonText()), Map.of("user", j.user())));
    }

    private void memory(Optional<JobDetail> live, List<SacctRecord> records, Optional<SacctRecord> jobLine,
                        Reply.Builder reply, List<Finding> findings, CommandContext ctx, String id) {
        int cpus = jobLine.map(SacctRecord::allocCpus).filter(c -> c > 0)
                .orElseGet(() -> live.map(JobDetail::numCpus).orElse(1));
        Optional<MemorySize> requested = jobLine.flatMap(SacctRecord::reqMemSize).map(m -> m.total(cpus))
                .or(() -> live.flatMap(JobDetail::requestedMemory));
        Optional<MemorySize> used = records.stream().map(SacctRecord::maxRssSize).flatMap(Optional::stream)
                .max(java.util.Comparator.comparingLong(MemorySize::bytes));
        if (used.isPresent() && used.get().bytes() > 0 && requested.isPresent() && requested.get().bytes() > 0) {
            long pct = Math.round(100.0 * used.get().bytes() / requested.get().bytes());
            String verdict = pct > 100 ? " — above the request" : pct < 20 ? " — far below the request (could ask for less)" : "";
            reply.fields(List.of(Map.entry("Memory", "MaxRSS " + used.get().human() + " of " + requested.get().human()
                    + " requested (" + pct + " %)" + verdict)));
        } else if (requested.isPresent()) {
            reply.fields(List.of(Map.entry("Memory", requested.get().human() + " requested"
                    + (records.isEmpty() ? "" : "; no MaxRSS recorded yet (sampled every JobAcctGatherFrequency)"))));
        }
        Optional<SacctRecord> oom = records.stream().filter(SacctRecord::looksOutOfMemory).findFirst();
        oom.ifPresent(r -> {
            reply.escalate(Status.WARNING);
            findings.add(ctx.knowledgeBase().finding("job-oom", "step " + r.jobId() + ": " + r.state()
                    + ", exit code " + r.exitCode(), Map.of("job", id)));
        });
        boolean failed = jobLine.map(j -> j.baseState().equals("FAILED") || j.looksOutOfMemory()).orElse(false);
        String batchHost = live.map(JobDetail::batchHost).filter(h -> !h.isBlank())
                .orElseGet(() -> jobLine.map(SacctRecord::nodeList).filter(n -> n.matches("[A-Za-z0-9._-]+")).orElse(""));
        if (failed && !batchHost.isEmpty()) {
            findings.addAll(slurmdLogFindings(ctx, batchHost, id));
        }
    }

    /** The job's lines in its batch host's slurmd log: that is where the oom-kill message is written. */
    private static List<Finding> slurmdLogFindings(CommandContext ctx, String host, String id) {
        Optional<LogSource> src = ctx.cluster().site().log("slurmd");
        if (src.isEmpty()) {
            return List.of();
        }
        ExecResult log = ctx.cluster().onHost(host, src.get().tailArgv(LOG_LINES));
        if (!log.ok()) {
            return List.of();
        }
        String base = id.replaceAll("[_+].*$", "");
        Pattern mine = Pattern.compile("(?:JobId=|StepId=|\\[|job )" + base + "\\b");
        List<String> lines = log.stdout().lines().filter(l -> mine.matcher(l).find()).toList();
        return KnowledgeBase.withContext(ctx.knowledgeBase().matchLatest(lines), Map.of("node", host, "job", id));
    }

    static String stepsTable(List<SacctRecord> records) {
        StringBuilder b = new StringBuilder(String.format("%-14s %-14s %-8s %-10s %-10s %s%n", "STEP", "STATE", "EXIT",
                "MAXRSS", "ELAPSED", "NODES"));
        for (SacctRecord r : records) {
            String rss = r.maxRssSize().map(MemorySize::human).orElse("-");
            b.append(String.format("%-14s %-14s %-8s %-10s %-10s %s%n", r.jobId(), r.state(), r.exitCode(), rss,
                    r.elapsed(), r.nodeList()));
        }
        return b.toString();
    }

    private static String firstLine(ExecResult r) {
        return StatusCommand.firstLine(r);
    }

}
