package io.slurmops.commands.read;

import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.reply.Block;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.site.SiteProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Is slurm.conf the same everywhere? {@code md5sum} of the site's slurm.conf on the controller and on
 * every node, folded by checksum; the nodes whose sum differs from the controller's are named. Slurm
 * hashes the raw lines (comments too), so any byte counts.
 */
public final class CheckConfigCommand extends CheckCommand {

    private static final CommandSpec SPEC = CommandSpec.builder("check config")
            .optional("HOSTLIST", ArgTypes.hostlist())
            .summary("slurm.conf checksum on the controller and every node; the nodes that differ are named")
            .description("Runs `md5sum` of the site's slurm.conf on the controller and on each node, folded by sum. "
                    + "slurmctld compares a hash of the raw lines, comments included, so even a comment line differs.")
            .build();

    public CheckConfigCommand() {
        super(SPEC, "config");
    }

    @Override
    public CheckReport check(CommandContext ctx, NodeTargets targets) {
        SiteProfile site = ctx.cluster().site();
        List<String> argv = List.of("md5sum", site.slurmConf());
        ExecResult mine = ctx.cluster().onController(argv, site.nodeTimeout());
        String reference = mine.ok() ? sum(mine) : "";
        HostFolds folds = new HostFolds();
        Map<String, String> why = new java.util.LinkedHashMap<>();
        for (ExecResult r : ctx.cluster().onNodes(targets.hosts(), argv)) {
            folds.add(r.ok() ? sum(r) : "unreadable: " + StatusCommand.firstLine(r), r.host());
            if (!r.ran()) {                              // no SSH: no result for the node, not a config fault
                why.put(r.host(), StatusCommand.firstLine(r));
            }
        }
        Status status = Status.OK;
        List<Finding> findings = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        lines.add("controller: " + (mine.ok() ? reference : "unreadable: " + StatusCommand.firstLine(mine)));
        for (Map.Entry<String, List<String>> g : folds.groups()) {
            String mark = g.getKey().equals(reference) ? "  (same as controller)" : "";
            lines.add(HostFolds.label(g.getValue()) + ": " + g.getKey() + mark);
            if (g.getKey().startsWith("unreadable")) {
                unreadable.addAll(g.getValue());
                findings.addAll(KnowledgeBase.withContext(ctx.knowledgeBase().match(g.getKey()),
                        Map.of("hosts", Hostlist.compress(g.getValue()), "node", Hostlist.compress(g.getValue()))));
            } else if (!reference.isEmpty() && !g.getKey().equals(reference)) {
                differing.addAll(g.getValue());
            }
        }
        if (!mine.ok()) {
            status = Status.ERROR;
        }
        if (!differing.isEmpty()) {
            String hosts = Hostlist.compress(differing);
            status = status.worst(Status.CRITICAL);
            findings.add(0, ctx.knowledgeBase().finding("config-drift", "slurm.conf differs from the controller on "
                    + hosts, Map.of("hosts", hosts, "node", hosts)));
        }
        if (!unreadable.isEmpty()) {
            status = status.worst(Status.WARNING);
        }
        List<Block> details = new ArrayList<>();
        details.add(new Block.Code(String.join("\n", lines)));
        if (!targets.note().isEmpty()) {
            details.add(new Block.Paragraph(targets.note()));
        }
        String summary;
        if (!mine.ok()) {
            summary = "cannot read " + site.slurmConf() + " on the controller";
        } else if (differing.isEmpty() && unreadable.isEmpty()) {
            summary = "same on the controller and " + targets.hosts().size() + " node(s)";
        } else {
            summary = (differing.isEmpty() ? "" : "differs on " + Hostlist.compress(differing))
                    + (differing.isEmpty() || unreadable.isEmpty() ? "" : "; ")
                    + (unreadable.isEmpty() ? "" : "unreadable on " + Hostlist.compress(unreadable));
        }
        return new CheckReport(checkName(), status, summary, details, findings, why);
    }

    /** The checksum: the first word of md5sum's "d41d8…  /etc/slurm/slurm.conf". */
    private static String sum(ExecResult r) {
        String out = r.stdout().strip();
        int sp = out.indexOf(' ');
        return sp < 0 ? out : out.substring(0, sp);
    }
}
