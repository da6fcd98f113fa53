package io.slurmops.adapters.transport;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops a process and everything it started: SIGTERM first, SIGKILL for whatever is left. */
final class ProcessTrees {

    private ProcessTrees() {
    }

    /**
     * Terminates {@code root} and its descendants, waits up to {@code grace} for them to go, then
     * kills the survivors. Descendants are collected before anything dies, because an orphan is
     * re-parented and can no longer be found from the root.
     */
    static void terminate(ProcessHandle root, Duration grace) {
        Set<ProcessHandle> tree = collect(root);
        tree.forEach(ProcessHandle::destroy);
        boolean interrupted = awaitExit(tree, grace);
        // Children forked during the grace period are found again from the processes still alive.
        Set<ProcessHandle> survivors = new LinkedHashSet<>();
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                survivors.addAll(collect(handle));
            }
        }
        survivors.forEach(ProcessHandle::destroyForcibly);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Set<ProcessHandle> collect(ProcessHandle root) {
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        return tree;
    }

    /** @return whether the thread was interrupted while waiting (the flag is cleared meanwhile) */
    private static boolean awaitExit(Set<ProcessHandle> tree, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // still alive: it gets SIGKILL below
            } catch (InterruptedException e) {
                return true;
            }
        }
        return false;
    }
}
