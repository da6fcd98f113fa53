package io.slurmops.bot.lab;

import java.time.Duration;
import java.util.Optional;

/** Polling waits for lab tests: the lab answers in its own time, so a test waits for a state, bounded. */
final class LabWaits {

    private LabWaits() {
    }

    @FunctionalInterface
    interface Check {
        boolean ok() throws Exception;
    }

    @FunctionalInterface
    interface Lookup<T> {
        Optional<T> find() throws Exception;
    }

    static void awaitTrue(String what, Duration within, Check check) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + within.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    /** Waits until the lookup finds something; on timeout the failure shows what the channel saw. */
    static <T> T await(String what, Duration within, Lookup<T> lookup, AlertLabTest.Channel ch) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (true) {
            Optional<T> found = lookup.find();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + within.toSeconds() + " s waiting for " + what
                        + "; the channel saw:\n" + ch.dump());
            }
            Thread.sleep(200);
        }
    }
}
