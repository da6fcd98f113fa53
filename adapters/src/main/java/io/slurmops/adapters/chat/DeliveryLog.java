package io.slurmops.adapters.chat;

/**
 * Where an adapter records a chat delivery durably before acknowledging it to the platform, so an
 * event that arrives while the store is unreachable is left for the platform to redeliver instead of
 * being acknowledged and lost.
 */
@FunctionalInterface
public interface DeliveryLog {

    /** Without a store: nothing is recorded and every delivery counts as new (acknowledged at once). */
    DeliveryLog NONE = (platform, key) -> true;

    /**
     * Records delivery {@code key}; false when it was recorded before (a redelivery after a lost ack).
     *
     * @throws RuntimeException when it cannot be recorded now (the store is unreachable)
     */
    boolean record(String platform, String key);
}
