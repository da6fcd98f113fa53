package io.slurmops.commands.read;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.hostlist.Hostlist;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The nodes a check works on: the cluster's nodes from {@code sinfo}, or the host list a person gave,
 * each of which must be a node of the cluster.
 *
 * @param hosts  the nodes, in host-list order
 * @param note   what people should know about how they were chosen ("sinfo failed …"), empty if nothing
 */
public record NodeTargets(List<String> hosts, String note) {

    /** Every node name sinfo prints, once. */
    public static final List<String> SINFO_NAMES = List.of("sinfo", "-h", "-N", "-o", "%N");

    public NodeTargets {
        hosts = List.copyOf(hosts);
        note = note == null ? "" : note;
    }

    /** The cluster's nodes; empty with a note when the controller cannot say. */
    public static NodeTargets all(CommandContext ctx) {
        ExecResult r = ctx.cluster().slurm(SINFO_NAMES);
        if (!r.ok()) {
            return new NodeTargets(List.of(), "cannot list the nodes (sinfo " + r.outcome() + "); give a HOSTLIST");
        }
        return new NodeTargets(names(r.stdout()), "");
    }

    /**
     * The nodes of {@code hostlist}, or all nodes when absent. A malformed list or a name that is not
     * a node (not in sinfo) is a usage error. When sinfo itself fails (controller down), the list is
     * used as given, with a note: that is exactly when node checks are needed.
     */
    public static NodeTargets resolve(CommandContext ctx, Optional<String> hostlist, String usage)
            throws UsageException {
        if (hostlist.isEmpty()) {
            return all(ctx);
        }
        Hostlist wanted = parse(hostlist.get(), usage);
        ExecResult r = ctx.cluster().slurm(SINFO_NAMES);
        if (!r.ok()) {
            return new NodeTargets(wanted.hosts(), "node names not checked: sinfo " + r.outcome());
        }
        Set<String> known = new LinkedHashSet<>(names(r.stdout()));
        List<String> unknown = wanted.hosts().stream().filter(h -> !known.contains(h)).toList();
        if (!unknown.isEmpty()) {
            throw new UsageException("not a node of this cluster: `" + Hostlist.compress(unknown) + "` (see `"
                    + ctx.prefix() + " nodes`)", usage);
        }
        return new NodeTargets(wanted.hosts(), "");
    }

    /** A host list typed by a person, or a usage error that says what is wrong with it. */
    public static Hostlist parse(String text, String usage) throws UsageException {
        try {
            Hostlist h = Hostlist.parse(text);
            if (h.isEmpty()) {
                throw new UsageException("empty host list", usage);
            }
            return h;
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad host list `" + text + "`: " + e.getMessage(), usage);
        }
    }

    /** True when {@code host} is a node sinfo knows; a usage error names it otherwise. */
    public static void requireNode(CommandContext ctx, String host, String usage) throws UsageException {
        resolve(ctx, Optional.of(host), usage);
    }

    public boolean isEmpty() {
        return hosts.isEmpty();
    }

    public String compressed() {
        return hosts.isEmpty() ? "" : Hostlist.compress(hosts);
    }

    private static List<String> names(String sinfoOutput) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : sinfoOutput.split("\n")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return new ArrayList<>(out);
    }
}
