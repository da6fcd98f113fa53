package io.slurmops.bot.wiring;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.exec.Transport;
import io.slurmops.commands.plan.PlanRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** TEMPORARY until the executor branch merges: runs a step's commands at most {@code fanout} at a time. */
final class ParallelBatch implements PlanRunner.Batch {

    private final Transport transport;
    private final int fanout;

    ParallelBatch(Transport transport, int fanout) {
        this.transport = transport;
        this.fanout = fanout;
    }

    @Override
    public List<ExecResult> runAll(List<HostCommand> commands) {
        if (commands.size() <= 1) {
            return commands.stream().map(transport::exec).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(fanout, commands.size()));
        try {
            List<Future<ExecResult>> futures = new ArrayList<>();
            commands.forEach(c -> futures.add(pool.submit(() -> transport.exec(c))));
            List<ExecResult> out = new ArrayList<>();
            for (Future<ExecResult> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running a step", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a step failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
