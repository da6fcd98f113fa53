package io.slurmops.adapters.store;

import java.time.Duration;

/**
 * Told about the store's work (metrics): how long each transaction took, and each approval request
 * decided by a committed transaction. Called after the commit (or the failure), never inside it.
 */
public interface StoreObserver {

    StoreObserver NONE = new StoreObserver() {
    };

    /** @param committed false when it failed (rolled back, or the store stayed busy) */
    default void transaction(Duration took, boolean committed) {
    }

    /** A request moved to {@code to} (approved, denied, expired, cancelled, rejected) and it was committed. */
    default void decided(RequestState to) {
    }
}
