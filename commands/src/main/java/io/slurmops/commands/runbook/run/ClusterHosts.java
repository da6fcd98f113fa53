package io.slurmops.commands.runbook.run;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.runbook.HostSet;
import io.slurmops.commands.site.ClusterAccess;
import io.slurmops.commands.slurm.NodeRecord;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Resolves a step's host set to host names through the site profile and slurmctld's node list. */
final class ClusterHosts {

    private ClusterHosts() {
    }

    /**
     * The hosts of a set. The node list is read from sinfo once and recorded on the run, so that steps
     * after slurmctld stopped (and a restarted bot) still know every node.
     */
    static List<String> resolve(ClusterAccess cluster, RunValues values, HostSet set) {
        return switch (set.kind()) {
            case CONTROLLER -> List.of(cluster.site().controller());
            case DBD_HOST -> List.of(cluster.site().dbdHost());
            case SET_DOWN_BY_RUN -> hosts(values.get(RunValues.NODES_SET_DOWN));
            case HOSTLIST -> Hostlist.parse(values.bind(set.hostlist())).hosts();
            case ALL_NODES -> {
                if (values.get(RunValues.ALL_NODES) == null) {
                    values.record(RunValues.ALL_NODES, Hostlist.compress(nodes(cluster).keySet()));
                }
                yield hosts(values.get(RunValues.ALL_NODES));
            }
        };
    }

    /** Every node slurmctld knows, by name; throws when it cannot be asked. */
    static Map<String, NodeRecord> nodes(ClusterAccess cluster) {
        ExecResult r = cluster.slurm(NodeRecord.SINFO_ARGS);
        if (!r.ok()) {
            throw new IllegalStateException("cannot list the nodes (sinfo): " + r.outcome());
        }
        return NodeRecord.parseSinfo(r.stdout()).stream()
                .collect(Collectors.toMap(NodeRecord::name, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    static List<String> hosts(String hostlist) {
        return hostlist == null || hostlist.isBlank() ? List.of() : Hostlist.parse(hostlist).hosts();
    }
}
