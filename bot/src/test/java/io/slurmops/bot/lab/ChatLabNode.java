package io.slurmops.bot.lab;

import io.slurmops.testing.LabCluster;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * node001, the one node the chat lab tests drain through a chat fake and resume afterwards (the other
 * lab tests use node002–node004 where they can). Read with sinfo, put back with scontrol.
 */
final class ChatLabNode {

    static final String NODE = "node001";

    private ChatLabNode() {
    }

    /**
     * Before a test: our own drain (reason {@code ownReason [alice #…}) that a killed run left behind is
     * undone; anything else is waited for, bounded, until node001 is in service and responding (right
     * after a RESUME, ours in the previous test, slurmctld shows "idle*" for a moment).
     */
    static void awaitInService(String ownReason, Duration within) throws Exception {
        if (isOutOfService(nodeState()) && reason().contains(ownReason + " [alice #")) {
            resume();
        }
        LabWaits.awaitTrue("node001 in service and responding (state " + nodeState() + ", reason " + reason() + ")",
                within, () -> {
                    String s = nodeState();
                    return !isOutOfService(s) && !s.endsWith("*");
                });
    }

    /** After a test: node001 back in service. */
    static void putBack() throws Exception {
        if (isOutOfService(nodeState())) {
            resume();
        }
    }

    /** sinfo's state, e.g. "idle", "drained", "idle*" (not responding). */
    static String nodeState() {
        return sinfo("%T");
    }

    /** sinfo's reason, e.g. "chat-test [alice #1]". */
    static String reason() {
        return sinfo("%E");
    }

    static boolean isOutOfService(String state) {
        return state.startsWith("drain") || state.startsWith("down") || state.startsWith("fail");
    }

    static void resume() throws Exception {
        LabCluster.Result r = LabCluster.exec(List.of("scontrol", "update", "NodeName=" + NODE, "State=RESUME"), 10);
        assertThat(r.exitCode()).as("resume %s: %s", NODE, r.output()).isZero();
    }

    private static String sinfo(String format) {
        try {
            LabCluster.Result r = LabCluster.exec(List.of("sinfo", "-h", "-n", NODE, "-o", format), 10);
            if (r.exitCode() != 0) {
                throw new AssertionError("sinfo failed: " + r.output());
            }
            return r.output().strip();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
