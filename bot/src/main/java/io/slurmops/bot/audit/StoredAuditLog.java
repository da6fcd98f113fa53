package io.slurmops.bot.audit;

import io.slurmops.adapters.store.AuditEntry;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.bot.pipeline.AuditLog;

import java.util.List;
import java.util.Optional;

/** The audit table of the store, one transaction per call. */
public final class StoredAuditLog implements AuditLog {

    private final SlurmopsStore store;

    public StoredAuditLog(SlurmopsStore store) {
        this.store = store;
    }

    @Override
    public void append(AuditEntry entry) {
        store.transaction(tx -> tx.append(entry));
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        return store.transaction(tx -> tx.recentAudit(limit));
    }

    @Override
    public Optional<RequestRecord> request(long id) {
        return store.transaction(tx -> tx.request(id));
    }

    @Override
    public List<AuditEntry> trail(long id) {
        return store.transaction(tx -> tx.auditOf(id));
    }
}
