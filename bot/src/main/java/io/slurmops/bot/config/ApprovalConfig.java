package io.slurmops.bot.config;

import java.time.Duration;
import java.util.Map;

/**
 * Approval policy: how long a request stays open and per-command overrides of the risk level
 * ("drain" → "destructive" makes drains need two approvals).
 */
public record ApprovalConfig(Duration expiry, Map<String, String> riskOverrides) {

    public ApprovalConfig {
        riskOverrides = Map.copyOf(riskOverrides);
    }
}
