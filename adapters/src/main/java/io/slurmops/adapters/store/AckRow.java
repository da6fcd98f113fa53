package io.slurmops.adapters.store;

import java.time.Instant;

/** An incident's acknowledgement: who, how ("reaction" or "command") and when. The first one wins. */
public record AckRow(long incidentId, String by, String via, Instant at) {
}
