package io.slurmops.commands.change;

import io.slurmops.commands.slurm.NodeRecord;

import java.util.List;
import java.util.Locale;

/** What a node's state and reason say about what may be done to it. */
final class NodeConditions {

    /**
     * Reason prefixes of automatic health checkers. LBNL NHC drains with "NHC: …" and resumes only
     * nodes whose reason starts so; a person must not silently undo a checker's verdict (and a
     * checker must never undo a person's).
     */
    static final List<String> HEALTH_CHECK_PREFIXES = List.of("NHC:");

    private NodeConditions() {
    }

    /** Drained, draining, down or failed: something resume can return to service. */
    static boolean outOfService(NodeRecord n) {
        String base = n.state().base();
        return n.state().isDrain() || n.state().isDown() || base.startsWith("fail");
    }

    static boolean drainedOrDown(NodeRecord n) {
        return n.state().isDrain() || n.state().isDown();
    }

    static boolean setByHealthChecker(NodeRecord n) {
        String r = n.reason().strip().toUpperCase(Locale.ROOT);
        return HEALTH_CHECK_PREFIXES.stream().anyMatch(p -> r.startsWith(p.toUpperCase(Locale.ROOT)));
    }
}
