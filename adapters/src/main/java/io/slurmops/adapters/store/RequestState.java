package io.slurmops.adapters.store;

import java.util.Locale;

/**
 * Where an approval request stands. The only ways forward:
 * <pre>
 *   PLANNING ─► PENDING ─► APPROVED ─► RUNNING ─► SUCCEEDED | FAILED | STALE
 *      │           ├─► DENIED | EXPIRED | CANCELLED               └─► INTERRUPTED (process died)
 *      └─► REJECTED (bad input or a guard rail: no plan)
 * </pre>
 * Every arrow is a conditional UPDATE on the old state, so two processes can never both take it.
 */
public enum RequestState {
    PLANNING, REJECTED, PENDING, APPROVED, DENIED, EXPIRED, CANCELLED, RUNNING, SUCCEEDED, FAILED, STALE, INTERRUPTED;

    public boolean open() {
        return this == PENDING;
    }

    public boolean finished() {
        return switch (this) {
            case REJECTED, DENIED, EXPIRED, CANCELLED, SUCCEEDED, FAILED, STALE, INTERRUPTED -> true;
            default -> false;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
