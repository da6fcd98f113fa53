package io.slurmops.bot.approval;

import io.slurmops.bot.config.ApprovalConfig;
import io.slurmops.commands.catalog.Role;
import io.slurmops.bot.pipeline.Authorizer;
import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.SlurmCommand;
import io.slurmops.commands.plan.ChangeCommand;
import io.slurmops.commands.plan.MassScope;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Risk → what it takes: read runs at once; change needs one approval; destructive needs two
 * approvals and an admin requester. A command's declared risk can be moved between change and
 * destructive in configuration ({@code approvals.risk: {drain: destructive}}); it can never drop to
 * read, which would let a change run without four eyes. A mass action — a plan on {@code ALL}, a whole
 * partition, or more than {@code approvals.massShare} of the nodes (from {@code massMinNodes} on) —
 * takes what a destructive one takes, whatever the command's risk: slide 21's mass outage.
 */
public final class ApprovalPolicy {

    private final Map<String, Risk> overrides;
    private final Duration expiry;
    private final Duration orphanExpiry;
    private final int massSharePercent;
    private final int massMinNodes;

    /** What a mass action takes: an admin requester and this many approvals. */
    public static final Role MASS_REQUESTER = Role.ADMIN;
    public static final int MASS_APPROVALS = 2;

    private ApprovalPolicy(Map<String, Risk> overrides, ApprovalConfig config) {
        this.overrides = Map.copyOf(overrides);
        this.expiry = config.expiry();
        this.orphanExpiry = config.orphanExpiry();
        this.massSharePercent = config.massSharePercent();
        this.massMinNodes = config.massMinNodes();
    }

    /**
     * What a planned request takes: by its risk, raised to the mass rule's when {@code scope} is a mass
     * action.
     *
     * @param mass the scope when it made the request a mass action, else empty
     */
    public record Requirement(Risk risk, int approvals, Role requesterRole, Optional<MassScope> mass) {

        /** "change" or "change, mass action: 4 of 4 nodes (ALL…)". */
        public String label() {
            return risk.label() + mass.map(m -> ", mass action: " + m.describe()).orElse("");
        }
    }

    public Requirement requirement(Risk risk, Optional<MassScope> scope) {
        Optional<MassScope> mass = scope.filter(this::isMass);
        if (mass.isPresent()) {
            return new Requirement(risk, Math.max(MASS_APPROVALS, approvalsNeeded(risk)), MASS_REQUESTER, mass);
        }
        return new Requirement(risk, approvalsNeeded(risk), requesterRole(risk), Optional.empty());
    }

    /**
     * ALL is always a mass action (the requester said the whole cluster); a whole partition, the whole
     * cluster or more than the configured share only from the minimum node count on.
     */
    public boolean isMass(MassScope s) {
        if (s.namedAll()) {
            return true;
        }
        if (s.targets() < massMinNodes) {
            return false;
        }
        return s.wholeCluster() || !s.wholePartitions().isEmpty() || s.targets() * 100L > (long) massSharePercent * s.clusterNodes();
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
        return new ApprovalPolicy(out, config);
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
