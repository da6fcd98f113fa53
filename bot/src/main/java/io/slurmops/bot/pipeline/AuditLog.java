package io.slurmops.bot.pipeline;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.RequestRecord;

import java.util.List;
import java.util.Optional;

/** The append-only audit: the audit stage writes reads and refusals; the {@code audit} command reads it. */
public interface AuditLog {

    void append(AuditEntry entry);

    /** The last {@code limit} records, newest last. */
    List<AuditEntry> recent(int limit);

    /** Request {@code id}, if it exists. */
    Optional<RequestRecord> request(long id);

    /** Every record about request {@code id}, in order. */
    List<AuditEntry> trail(long id);
}
