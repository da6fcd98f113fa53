package io.slurmops.commands.read;

import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.slurm.Association;
import io.slurmops.commands.slurm.QosLimits;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a user may run: their associations (accounts, limits) and the limits of the QOS they may use. */
public final class LimitsCommand extends DeclaredCommand {

    public LimitsCommand() {
        super(CommandSpec.builder("limits")
                .required("USER", ArgTypes.user())
                .summary("A user's accounts, association limits and QOS limits (MaxWall …)")
                .description("Runs `sacctmgr show assoc where users=USER` and `sacctmgr show qos`. Explains pending "
                        + "reasons such as QOSMaxWallDurationPerJobLimit or AssocGrpCPUMinutesLimit; an empty limit "
                        + "means none is set at that level.")
                .build());
    }

    @Override
    public Reply execute(Invocation inv, CommandContext ctx) throws UsageException {
        String usage = usage(ctx);
        String user = inv.word("user");
        ExecResult assoc = ctx.cluster().slurm(Association.argv(user));
        if (!assoc.ok()) {
            return failure("associations", assoc, ctx);
        }
        List<Association> rows = Association.parse(assoc.stdout());
        if (rows.isEmpty()) {
            throw new UsageException("user `" + user + "` has no association in accounting (sacctmgr shows none)", usage);
        }
        Reply.Builder reply = Reply.builder("Limits of " + user + ": " + rows.size() + " association(s)").status(Status.INFO);
        reply.code(associationTable(rows));
        Set<String> qosNames = new LinkedHashSet<>();
        rows.forEach(a -> qosNames.addAll(a.qos()));
        ExecResult qos = ctx.cluster().slurm(QosLimits.ARGV);
        if (!qos.ok()) {
            reply.escalate(Status.WARNING).paragraph("QOS limits unavailable: " + StatusCommand.firstLine(qos));
            reply.addAll(KnowledgeBase.render(ctx.knowledgeBase().match(qos.combinedOutput()), ctx.prefix()));
            return reply.build();
        }
        List<QosLimits> used = QosLimits.parse(qos.stdout()).stream().filter(q -> qosNames.contains(q.name())).toList();
        if (!used.isEmpty()) {
            reply.heading("QOS");
            reply.code(qosTable(used));
        }
        reply.paragraph("Empty = no limit at that level. A job above MaxWall waits with QOSMaxWallDurationPerJobLimit "
                + "or AssocMaxWallDurationPerJobLimit.");
        return reply.build();
    }

    private static Reply failure(String what, ExecResult r, CommandContext ctx) {
        return Reply.builder("Could not read " + what + ": sacctmgr " + r.outcome()).status(Status.ERROR)
                .code(r.combinedOutput().isBlank() ? r.outcome() : r.combinedOutput().strip())
                .addAll(KnowledgeBase.render(ctx.knowledgeBase().match(r.combinedOutput()), ctx.prefix())).build();
    }

    static String associationTable(List<Association> rows) {
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"CLUSTER", "ACCOUNT", "PARTITION", "MAXJOBS", "MAXSUBMIT", "MAXWALL", "MAXTRES",
                "GRPTRES", "GRPJOBS", "GRPTRESMINS", "QOS", "DEFAULT"});
        for (Association a : rows) {
            table.add(new String[] {a.cluster(), a.account(), a.partition(), a.maxJobs(), a.maxSubmit(), a.maxWall(),
                    a.maxTres(), a.grpTres(), a.grpJobs(), a.grpTresMins(), String.join(",", a.qos()), a.defaultQos()});
        }
        return TextTable.render(table);
    }

    static String qosTable(List<QosLimits> rows) {
        List<String[]> table = new ArrayList<>();
        table.add(new String[] {"QOS", "PRIORITY", "MAXWALL", "MAXTRESPU", "MAXJOBSPU", "MAXSUBMITPU", "GRPTRES",
                "GRPJOBS", "MAXTRES", "FLAGS"});
        for (QosLimits q : rows) {
            table.add(new String[] {q.name(), q.priority(), q.maxWall(), q.maxTresPerUser(), q.maxJobsPerUser(),
                    q.maxSubmitPerUser(), q.grpTres(), q.grpJobs(), q.maxTres(), q.flags()});
        }
        return TextTable.render(table);
    }
}
