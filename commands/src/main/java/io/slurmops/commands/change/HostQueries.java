package io.slurmops.commands.change;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.exec.ExecResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read-only queries on many nodes at once while a plan is made (checksums, service states). */
final class HostQueries {

    private HostQueries() {
    }

    /** Runs argv on each host through the site's fan-out window; results by host, in host order. */
    static Map<String, ExecResult> onEach(CommandContext ctx, List<String> hosts, List<String> argv) {
        Map<String, ExecResult> out = new LinkedHashMap<>();
        ctx.cluster().onNodes(hosts, argv).forEach(r -> out.put(r.host(), r));
        return out;
    }
}
