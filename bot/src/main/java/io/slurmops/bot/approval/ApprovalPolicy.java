package io.slurmops.bot.approval;

import io.slurmops.bot.config.ApprovalConfig;
import io.slurmops.commands.catalog.Role;
import io.slurmops.bot.pipeline.Authorizer;
import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.plan.ChangeCommand;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Risk → what it takes: read runs at once; change needs one approval; destructive needs two
 * approvals and an admin requester. A command's declared risk can be moved between change and
 * destructive in configuration ({@code approvals.risk: {drain: destructive}}); it can never drop to
 * read, which would let a change run without four eyes.
 */
public final class ApprovalPolicy {

    private final Map<String, Risk> overrides;
    private final Duration expiry;
    private final Duration orphanExpiry;

    private ApprovalPolicy(Map<String, Risk> overrides, Duration expiry, Duration orphanExpiry) {
        this.overrides = Map.copyOf(overrides);
        this.expiry = expiry;
        this.orphanExpiry = orphanExpiry;
    }

    /** Validates the overrides against the catalog; every problem is reported at once. */
    public static ApprovalPolicy from(ApprovalConfig config, CommandCatalog catalog) {
        List<String> problems = new ArrayList<>();
        Map<String, Risk> out = new java.util.HashMap<>();
        config.riskOverrides().forEach((name, level) -> {
            Risk risk = Risk.valueOf(level.toUpperCase(Locale.ROOT));
            SlurmCommand c = catalog.find(name).orElse(null);
            if (c == null) {
                problems.add("approvals.risk." + name + ": no such command");
            } else if (!(c instanceof ChangeCommand)) {
                problems.add("approvals.risk." + name + ": a read-only command has no plan to approve");
            } else if (risk == Risk.READ) {
                problems.add("approvals.risk." + name + ": a change cannot run without approval; use change or destructive");
            } else {
                out.put(c.spec().name(), risk);
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("bad approval configuration: " + String.join("; ", problems));
        }
        if (config.expiry().isNegative() || config.expiry().isZero()) {
            throw new IllegalArgumentException("approvals.expiry must be positive");
        }
        if (config.orphanExpiry().isNegative() || config.orphanExpiry().isZero()) {
            throw new IllegalArgumentException("approvals.orphanExpiry must be positive");
        }
        return new ApprovalPolicy(out, config.expiry(), config.orphanExpiry());
    }

    public Risk riskOf(SlurmCommand c) {
        return overrides.getOrDefault(c.spec().name(), c.spec().risk());
    }

    public int approvalsNeeded(Risk risk) {
        return switch (risk) {
            case READ -> 0;
            case CHANGE -> 1;
            case DESTRUCTIVE -> 2;
        };
    }

    public Role requesterRole(Risk risk) {
        return Authorizer.requiredToRequest(risk);
    }

    public Duration expiry() {
        return expiry;
    }

    /** How long after its approval an orphaned plan may still run; older, it is expired instead. */
    public Duration orphanExpiry() {
        return orphanExpiry;
    }
}
