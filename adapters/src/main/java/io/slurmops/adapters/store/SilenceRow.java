package io.slurmops.adapters.store;

import java.time.Instant;

/** One row of the silences table. */
public record SilenceRow(long id, String target, Instant until, String reason, String createdBy, Instant createdAt) {
}
