package io.slurmops.bot.config;

import java.time.Duration;
import java.util.Map;

/**
 * Approval policy: how long a request stays open, per-command overrides of the risk level
 * ("drain" → "destructive" makes drains need two approvals), and how long after its approval a plan
 * whose approving process died may still be run by another (older, it is expired, not run late).
 */
public record ApprovalConfig(Duration expiry, Map<String, String> riskOverrides, Duration orphanExpiry) {

    public static final Duration DEFAULT_ORPHAN_EXPIRY = Duration.ofMinutes(10);

    public ApprovalConfig {
        riskOverrides = Map.copyOf(riskOverrides);
    }

    public ApprovalConfig(Duration expiry, Map<String, String> riskOverrides) {
        this(expiry, riskOverrides, DEFAULT_ORPHAN_EXPIRY);
    }
}
