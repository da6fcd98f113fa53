package io.slurmops.commands.change;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.exec.ExecResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Read-only queries on many nodes at once while a plan is made (checksums, service states). */
final class HostQueries {

    private HostQueries() {
    }

    /** Runs argv on each host, at most the site's fan-out at a time; results by host, in host order. */
    static Map<String, ExecResult> onEach(CommandContext ctx, List<String> hosts, List<String> argv) {
        Map<String, ExecResult> out = new LinkedHashMap<>();
        if (hosts.size() == 1) {
            out.put(hosts.get(0), ctx.cluster().onHost(hosts.get(0), argv));
            return out;
        }
        int threads = Math.max(1, Math.min(ctx.cluster().site().fanout(), hosts.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "plan-query");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<ExecResult>> pending = new LinkedHashMap<>();
            hosts.forEach(h -> pending.put(h, pool.submit(() -> ctx.cluster().onHost(h, argv))));
            for (Map.Entry<String, Future<ExecResult>> e : pending.entrySet()) {
                out.put(e.getKey(), e.getValue().get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while querying nodes", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("query failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
