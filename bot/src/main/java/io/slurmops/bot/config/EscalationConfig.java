package io.slurmops.bot.config;

/**
 * {@code escalation:} — acknowledgement deadlines per severity, the on-call group, escalation levels and paging (PagerDuty Events API v2, signed webhook).
 * (Placeholder created so parallel work has its own section; the owner fills in the components.)
 */
public record EscalationConfig(boolean enabled) {

    public static EscalationConfig defaults() {
        return new EscalationConfig(false);
    }
}
