package io.slurmops.bot.alerts;

import io.slurmops.adapters.store.IncidentRow;
import io.slurmops.adapters.store.SilenceRow;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.bot.lifecycle.LeaseKeeper;
import io.slurmops.commands.reply.Status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Alert state in the slurmops store (H2 file or MariaDB): it survives restarts. The health watch's
 * view is {@link #fencedBy fenced} by the alert lease: its incident writes and post claims carry the
 * lease's token, and a stale leader's are refused (nothing written, nothing posted).
 */
public final class StoredAlertStore implements AlertStore {

    private final SlurmopsStore store;
    private final LeaseKeeper fence;

    public StoredAlertStore(SlurmopsStore store) {
        this(store, null);
    }

    private StoredAlertStore(SlurmopsStore store, LeaseKeeper fence) {
        this.store = store;
        this.fence = fence;
    }

    /** The same store, with every write checked against {@code lease}'s token. */
    public StoredAlertStore fencedBy(LeaseKeeper lease) {
        return new StoredAlertStore(store, lease);
    }

    private void checkFence(io.slurmops.adapters.store.StoreTx tx) throws java.sql.SQLException {
        if (fence != null) {
            tx.requireLease(fence.name(), fence.token().orElse(-1));
        }
    }

    @Override
    public boolean claimPost(String key) {
        if (fence == null) {
            return true;
        }
        try {
            return store.transaction(tx -> {
                checkFence(tx);
                return tx.claimOnce(key, fence.holder(), fence.token().orElse(-1));
            });
        } catch (io.slurmops.adapters.store.StaleLeaseException e) {
            return false; // another instance leads now: it posts
        }
    }

    @Override
    public void postDone(String key) {
        if (fence != null) {
            store.transaction(tx -> {
                tx.finishClaim(key);
                return null;
            });
        }
    }

    @Override
    public long nextIncidentId() {
        return store.transaction(tx -> tx.nextIncidentId());
    }

    @Override
    public Optional<Incident> latest(String key) {
        return store.transaction(tx -> tx.latestIncident(key)).map(StoredAlertStore::incident);
    }

    @Override
    public List<Incident> open() {
        return store.transaction(tx -> tx.openIncidents()).stream().map(StoredAlertStore::incident).toList();
    }

    @Override
    public List<Incident> since(Instant since) {
        return store.transaction(tx -> tx.incidentsSince(since)).stream().map(StoredAlertStore::incident).toList();
    }

    @Override
    public Optional<Incident> byMessage(String platform, String channelId, String messageId) {
        return store.transaction(tx -> tx.incidentByMessage(platform, channelId, messageId))
                .map(StoredAlertStore::incident);
    }

    @Override
    public void save(Incident i) {
        IncidentRow row = new IncidentRow(i.id(), i.key(), i.probe(), i.subject(), i.severity().name(), i.summary(),
                i.diagnosisId(), i.repair(), i.openedAt(), i.lastSeenAt(), i.resolvedAt(),
                i.message() == null ? null : i.message().platform(), i.message() == null ? null : i.message().channelId(),
                i.messageId(),
                i.missedPolls(), i.flaps(), i.firstResponseAt(), i.approvedAt(), i.requestId());
        store.transaction(tx -> {
            checkFence(tx);
            tx.saveIncident(row);
            return null;
        });
    }

    @Override
    public Silence addSilence(String target, Instant until, String reason, String by, Instant now) {
        return silence(store.transaction(tx -> tx.addSilence(target, until, reason, by, now)));
    }

    @Override
    public List<Silence> activeSilences(Instant now) {
        return store.transaction(tx -> tx.activeSilences(now)).stream().map(StoredAlertStore::silence).toList();
    }

    private static Incident incident(IncidentRow r) {
        return new Incident(r.id(), r.key(), r.probe(), r.subject(), Status.valueOf(r.severity()), r.summary(),
                r.diagnosisId(), r.repair(), r.openedAt(), r.lastSeenAt(), r.resolvedAt(), message(r),
                r.missedPolls(), r.flaps(), r.firstResponseAt(), r.approvedAt(), r.requestId());
    }

    /** Rows written before the store recorded channels have none: such a message cannot be matched. */
    private static AlertMessage message(IncidentRow r) {
        if (r.messageId() == null) {
            return null;
        }
        return new AlertMessage(r.platform() == null ? "" : r.platform(), r.channelId() == null ? "" : r.channelId(),
                r.messageId());
    }

    private static Silence silence(SilenceRow r) {
        return new Silence(r.id(), r.target(), r.until(), r.reason(), r.createdBy(), r.createdAt());
    }
}
