package io.slurmops.commands.read;

import io.slurmops.commands.catalog.DeclaredCommand;
import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import io.slurmops.commands.slurm.NodeGroups;
import io.slurmops.commands.slurm.NodeRecord;
import io.slurmops.commands.slurm.NodeState;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Nodes folded by state and reason; filtered by a state word or a host list. */
public final class NodesCommand extends DeclaredCommand {

    /** sinfo's state words, and "problem" for every state that needs a look. */
    private static final Set<String> STATE_WORDS = union(NodeState.stateNames(), "problem");

    private static Set<String> union(Set<String> words, String more) {
        Set<String> all = new java.util.TreeSet<>(words);
        all.add(more);
        return all;
    }

    public NodesCommand() {
        super(CommandSpec.builder("nodes")
                .optional("filter", "STATE|HOSTLIST", ArgTypes.oneOf(ArgTypes.choice("node state",
                        "idle, mixed, alloc, down, drain, drained, draining, fail, not_responding, problem …", STATE_WORDS),
                        ArgTypes.hostlist()))
                .summary("Nodes folded by state and reason, optionally only one state or host list")
                .description("STATE is a sinfo state word (idle, mixed, alloc, down, drain, drained, draining, fail, "
                        + "not_responding, problem). HOSTLIST is a Slurm host list such as node[001-004].")
                .build());
    }

    @Override
    public Reply execute(Invocation inv, CommandContext ctx) throws UsageException {
        String filter = inv.optionalArg(0).orElse("");
        Object chosen = inv.value("filter", Object.class).orElse(null);
        boolean byState = chosen instanceof String;
        Hostlist wanted = chosen instanceof Hostlist h ? h : null;
        ExecResult sinfo = ctx.cluster().slurm(NodeRecord.SINFO_ARGS);
        if (!sinfo.ok()) {
            return Reply.builder("Could not read node states: sinfo " + sinfo.outcome())
                    .status(Status.ERROR)
                    .code(sinfo.combinedOutput().strip().isEmpty() ? sinfo.outcome() : sinfo.combinedOutput().strip())
                    .addAll(KnowledgeBase.render(ctx.knowledgeBase().match(sinfo.combinedOutput()), ctx.prefix()))
                    .build();
        }
        List<NodeRecord> all = NodeRecord.parseSinfo(sinfo.stdout());
        List<NodeRecord> shown = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        if (wanted != null) {
            Set<String> known = new HashSet<>();
            all.forEach(n -> known.add(n.name()));
            for (NodeRecord n : all) {
                if (wanted.hosts().contains(n.name())) {
                    shown.add(n);
                }
            }
            wanted.hosts().stream().filter(h -> !known.contains(h)).forEach(unknown::add);
        } else if (byState) {
            for (NodeRecord n : all) {
                if (filter.equalsIgnoreCase("problem") ? n.state().isProblem() : n.state().matches(filter)) {
                    shown.add(n);
                }
            }
        } else {
            shown.addAll(all);
        }
        String scope = filter.isEmpty() ? "" : " matching `" + filter + "`";
        Reply.Builder reply = Reply.builder(shown.size() + " of " + all.size() + " nodes" + scope);
        if (!unknown.isEmpty()) {
            reply.escalate(Status.WARNING).paragraph("Not nodes of this cluster: `" + Hostlist.compress(unknown)
                    + "` (check the name with `" + ctx.prefix() + " nodes`)");
        }
        if (shown.isEmpty()) {
            reply.paragraph("No node matches.");
        } else {
            reply.code(NodeGroups.table(NodeGroups.fold(shown)));
        }
        if (shown.stream().anyMatch(n -> n.state().isProblem())) {
            reply.escalate(Status.WARNING);
        }
        return reply.build();
    }
}
