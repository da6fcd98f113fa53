package io.slurmops.commands.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs commands on many hosts through a {@link Transport}, at most {@code fanout} at a time (the
 * clush/pdsh sliding window: as one host finishes, the next one starts).
 *
 * <p>The window is the size of the thread pool, so it holds across concurrent callers too: two
 * fan-outs running at once share the same {@code fanout} slots. Results always come back in the
 * order of the input, one per command, and a failing host never throws.
 *
 * <p>Every call has a total deadline so that a transport that hangs (ignoring its own timeouts and
 * interrupts) cannot hang the caller: unfinished commands are cancelled and reported as
 * {@link FailureKind#TIMEOUT}. An interrupt of the calling thread cancels the rest and reports them as
 * {@link FailureKind#ERROR} "cancelled". The executor does not own the transport: close it yourself.
 */
public final class Executor implements AutoCloseable {

    public static final int DEFAULT_FANOUT = 64;
    /** Added to each round of the default deadline: connection set-up and kill grace periods. */
    public static final Duration DEFAULT_ROUND_SLACK = Duration.ofSeconds(30);

    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final Transport transport;
    private final int fanout;
    private final Duration roundSlack;
    private final ThreadPoolExecutor pool;

    public Executor(Transport transport) {
        this(transport, DEFAULT_FANOUT);
    }

    public Executor(Transport transport, int fanout) {
        this(transport, fanout, DEFAULT_ROUND_SLACK);
    }

    /**
     * @param fanout     the most commands in flight at once
     * @param roundSlack what the default deadline allows per round on top of the longest command
     *                   timeout (see {@link #defaultDeadline})
     */
    public Executor(Transport transport, int fanout, Duration roundSlack) {
        this.transport = Objects.requireNonNull(transport, "transport");
        if (fanout < 1) {
            throw new IllegalArgumentException("fanout must be at least 1: " + fanout);
        }
        if (roundSlack.isNegative()) {
            throw new IllegalArgumentException("roundSlack must not be negative: " + roundSlack);
        }
        this.fanout = fanout;
        this.roundSlack = roundSlack;
        // Fixed size = the window. Idle threads die so a quiet bot does not hold 64 threads.
        this.pool = new ThreadPoolExecutor(fanout, fanout, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemonThreads("exec-" + POOL_IDS.incrementAndGet() + "-"));
        this.pool.allowCoreThreadTimeOut(true);
    }

    public int fanout() {
        return fanout;
    }

    /** Runs one argv on every host (duplicates dropped), in host order, with the default deadline. */
    public List<ExecResult> run(Collection<String> hosts, List<String> argv, Duration timeout) {
        List<HostCommand> commands = new ArrayList<>();
        for (String host : new LinkedHashSet<>(hosts)) {
            commands.add(new HostCommand(host, argv, timeout));
        }
        return runAll(commands);
    }

    /** Runs every command, one result per command in the same order, with the default deadline. */
    public List<ExecResult> runAll(List<HostCommand> commands) {
        return runAll(commands, defaultDeadline(commands));
    }

    /**
     * Runs every command and waits at most {@code deadline} in total.
     *
     * @return one result per command, in the order of {@code commands}
     * @throws IllegalStateException after {@link #close()}
     */
    public List<ExecResult> runAll(List<HostCommand> commands, Duration deadline) {
        Objects.requireNonNull(deadline, "deadline");
        List<HostCommand> todo = List.copyOf(commands);
        long startNanos = System.nanoTime();
        long deadlineNanos = startNanos + deadline.toNanos();
        // Set before cancelling, so that a queued command picked up by a freed thread never starts.
        AtomicBoolean abandoned = new AtomicBoolean();
        List<Future<ExecResult>> futures = submitAll(todo, abandoned);

        List<ExecResult> results = new ArrayList<>(todo.size());
        boolean interrupted = false;
        for (int i = 0; i < todo.size(); i++) {
            HostCommand command = todo.get(i);
            Future<ExecResult> future = futures.get(i);
            if (interrupted) {
                results.add(cancel(future, command, startNanos));
                continue;
            }
            try {
                long left = Math.max(0, deadlineNanos - System.nanoTime());
                results.add(future.get(left, TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                abandoned.set(true);
                future.cancel(true);
                results.add(ExecResult.failed(command, FailureKind.TIMEOUT,
                        "fan-out deadline of " + HumanDuration.format(deadline) + " exceeded", "", "",
                        elapsedSince(startNanos)));
            } catch (InterruptedException e) {
                interrupted = true;
                abandoned.set(true);
                results.add(cancel(future, command, startNanos));
            } catch (ExecutionException | CancellationException e) {
                // Tasks catch everything themselves; this is a defensive last resort.
                results.add(errorResult(command, e.getCause() == null ? e : e.getCause(), startNanos));
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return results;
    }

    /**
     * The deadline {@link #runAll(List)} uses: one round per {@code fanout} commands, each round
     * allowed the longest command timeout plus the round slack. It assumes this call has the window
     * to itself; pass an explicit deadline when fan-outs share an executor under tight limits.
     */
    public Duration defaultDeadline(List<HostCommand> commands) {
        Duration longest = Duration.ZERO;
        for (HostCommand command : commands) {
            if (command.timeout().compareTo(longest) > 0) {
                longest = command.timeout();
            }
        }
        long rounds = Math.max(1, (commands.size() + fanout - 1) / fanout);
        return longest.plus(roundSlack).multipliedBy(rounds);
    }

    /** Stops the threads; commands still running are interrupted. Later runs throw. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private List<Future<ExecResult>> submitAll(List<HostCommand> commands, AtomicBoolean abandoned) {
        if (pool.isShutdown()) {
            throw new IllegalStateException("executor is closed");
        }
        List<Future<ExecResult>> futures = new ArrayList<>(commands.size());
        for (HostCommand command : commands) {
            futures.add(pool.submit(() -> execGuarded(command, abandoned)));
        }
        return futures;
    }

    /** Keeps the "never throws" promise of {@link Transport#exec} even for a buggy transport. */
    private ExecResult execGuarded(HostCommand command, AtomicBoolean abandoned) {
        long startNanos = System.nanoTime();
        if (abandoned.get()) {
            return ExecResult.failed(command, FailureKind.ERROR, "cancelled", "", "", Duration.ZERO);
        }
        try {
            ExecResult result = transport.exec(command);
            if (result == null) {
                return ExecResult.failed(command, FailureKind.ERROR, "transport returned no result", "", "",
                        elapsedSince(startNanos));
            }
            return result;
        } catch (RuntimeException e) {
            return errorResult(command, e, startNanos);
        }
    }

    /** Cancels a command after the caller was interrupted, keeping its result if it already finished. */
    private static ExecResult cancel(Future<ExecResult> future, HostCommand command, long startNanos) {
        if (!future.cancel(true) && future.isDone() && !future.isCancelled()) {
            try {
                return future.get();
            } catch (InterruptedException | ExecutionException | CancellationException e) {
                // fall through: report it as cancelled
            }
        }
        return ExecResult.failed(command, FailureKind.ERROR, "cancelled", "", "", elapsedSince(startNanos));
    }

    private static ExecResult errorResult(HostCommand command, Throwable e, long startNanos) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return ExecResult.failed(command, FailureKind.ERROR, message.lines().findFirst().orElse(""), "", "",
                elapsedSince(startNanos));
    }

    private static Duration elapsedSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger ids = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + ids.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
