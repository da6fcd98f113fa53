package io.slurmops.bot.incidents;

import io.slurmops.bot.alerts.Incident;

import java.time.Instant;

/**
 * When an alert was acknowledged. For now the first response (the first vote or fix on it); the
 * explicit acknowledgement (👀 / {@code ack N}) replaces this one method once it lands on the record.
 */
final class Acknowledgements {

    private Acknowledgements() {
    }

    static Instant of(Incident alert) {
        return alert.firstResponseAt();
    }
}
