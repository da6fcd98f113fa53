package io.slurmops.bot.config;

import java.time.Duration;
import java.util.Map;

/**
 * Approval policy: how long a request stays open, per-command overrides of the risk level
 * ("drain" → "destructive" makes drains need two approvals), how long after its approval a plan
 * whose approving process died may still be run by another (older, it is expired, not run late), and
 * what counts as a mass action: {@code ALL}, a whole partition, or more than {@code massSharePercent}
 * of the cluster's nodes — the last two only from {@code massMinNodes} nodes on, so draining two nodes
 * of a four-node lab is not a mass action.
 */
public record ApprovalConfig(Duration expiry, Map<String, String> riskOverrides, Duration orphanExpiry,
                             int massSharePercent, int massMinNodes) {

    public static final Duration DEFAULT_ORPHAN_EXPIRY = Duration.ofMinutes(10);
    public static final int DEFAULT_MASS_SHARE_PERCENT = 25;
    public static final int DEFAULT_MASS_MIN_NODES = 4;

    public ApprovalConfig {
        riskOverrides = Map.copyOf(riskOverrides);
        if (massSharePercent < 1 || massSharePercent > 100) {
            throw new IllegalArgumentException("approvals.massShare must be between 1% and 100%");
        }
        if (massMinNodes < 1) {
            throw new IllegalArgumentException("approvals.massMinNodes must be at least 1");
        }
    }

    public ApprovalConfig(Duration expiry, Map<String, String> riskOverrides, Duration orphanExpiry) {
        this(expiry, riskOverrides, orphanExpiry, DEFAULT_MASS_SHARE_PERCENT, DEFAULT_MASS_MIN_NODES);
    }

    public ApprovalConfig(Duration expiry, Map<String, String> riskOverrides) {
        this(expiry, riskOverrides, DEFAULT_ORPHAN_EXPIRY);
    }
}
