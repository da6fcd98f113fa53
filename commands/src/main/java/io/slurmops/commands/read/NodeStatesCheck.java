package io.slurmops.commands.read;

import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.reply.Block;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.slurm.NodeGroups;
import io.slurmops.commands.slurm.NodeRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** For {@code health}: nodes that are down, drained, failing or not responding, folded by reason. */
final class NodeStatesCheck implements HealthCheck {

    @Override
    public String checkName() {
        return "nodes";
    }

    @Override
    public CheckReport check(CommandContext ctx, NodeTargets targets) {
        ExecResult sinfo = ctx.cluster().slurm(NodeRecord.SINFO_ARGS);
        if (!sinfo.ok()) {
            return new CheckReport(checkName(), Status.ERROR, "sinfo " + sinfo.outcome() + ": "
                    + StatusCommand.firstLine(sinfo), List.of(), ctx.knowledgeBase().match(sinfo.combinedOutput()));
        }
        List<NodeRecord> all = NodeRecord.parseSinfo(sinfo.stdout());
        List<NodeRecord> problems = all.stream().filter(n -> n.state().isProblem()).toList();
        if (problems.isEmpty()) {
            return new CheckReport(checkName(), Status.OK, all.size() + " node(s), none down or drained", List.of(),
                    List.of());
        }
        List<Finding> findings = new ArrayList<>();
        for (NodeRecord n : problems) {
            List<Finding> f = ctx.knowledgeBase().match(n.reason());
            if (f.isEmpty() && n.state().notResponding()) {
                f = ctx.knowledgeBase().match("Not responding");
            }
            findings.addAll(KnowledgeBase.withContext(f, Map.of("node", n.name(), "hosts", n.name())));
        }
        Status status = problems.size() == all.size() ? Status.CRITICAL : Status.WARNING;
        List<NodeGroups.Group> groups = NodeGroups.fold(problems);
        String summary = problems.size() + " of " + all.size() + " node(s) need attention: " + String.join("; ",
                groups.stream().map(g -> g.hosts() + " " + g.state() + (g.reason().isEmpty() ? "" : " (" + g.reason() + ")"))
                        .toList());
        return new CheckReport(checkName(), status, summary, List.<Block>of(new Block.Code(NodeGroups.table(groups))),
                findings);
    }
}
