package io.slurmops.adapters.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The operations of one transaction, on the connection {@link SlurmopsStore#transaction} opened for
 * it. The SQL lives in one class per table ({@link RequestTable}, {@link VoteTable},
 * {@link AuditTable}, {@link DeliveryTable}, {@link IncidentTable}, {@link SilenceTable},
 * {@link LeaseTable}, {@link RunbookRunTable}); this class only binds them to the transaction's connection.
 */
public final class StoreTx {

    private final Connection c;
    /** Requests this transaction decided, for the store's observer once it commits. */
    private final java.util.List<RequestState> decided = new java.util.ArrayList<>();

    StoreTx(Connection c) {
        this.c = c;
    }

    java.util.List<RequestState> decided() {
        return decided;
    }

    // ---- requests (state changes are conditional and say whether they won; see RequestTable)

    /** Inserts a request in state PLANNING and returns its number. */
    public long insertRequest(NewRequest r) throws SQLException {
        return RequestTable.insert(c, r);
    }

    public Optional<RequestRecord> request(long id) throws SQLException {
        return RequestTable.byId(c, id, false);
    }

    /** Reads the request and locks its row until the transaction ends: concurrent voters queue here. */
    public Optional<RequestRecord> lockRequest(long id) throws SQLException {
        return RequestTable.byId(c, id, true);
    }

    /**
     * The request whose plan message this is (the newest, should a platform reuse ids). Message ids
     * are unique only per channel, so all three parts must match; a null part matches nothing.
     */
    public Optional<RequestRecord> requestByMessage(String platform, String channelId, String messageId)
            throws SQLException {
        return RequestTable.byMessage(c, platform, channelId, messageId);
    }

    public List<RequestRecord> requestsIn(Set<RequestState> states) throws SQLException {
        return RequestTable.in(c, states);
    }

    /** Requests whose last state change was not yet told in their channel. */
    public List<RequestRecord> unannounced(String platform, String channelId) throws SQLException {
        return RequestTable.unannounced(c, platform, channelId);
    }

    /** PLANNING → PENDING with the frozen plan. */
    public boolean attachPlan(long id, String planText, String planHash, int approvalsNeeded, Instant expiresAt)
            throws SQLException {
        return RequestTable.attachPlan(c, id, planText, planHash, approvalsNeeded, expiresAt);
    }

    public void setMessage(long id, String messageId) throws SQLException {
        RequestTable.setMessage(c, id, messageId);
    }

    /**
     * A decision without execution (rejected, approved, denied, expired, cancelled).
     *
     * @param announced false when the channel has not been told yet (a sweeper without the channel)
     */
    public boolean decide(long id, RequestState from, RequestState to, Instant at, String outcome, boolean announced)
            throws SQLException {
        boolean won = RequestTable.decide(c, id, from, to, at, outcome, announced);
        if (won) {
            decided.add(to);
        }
        return won;
    }

    /** APPROVED → RUNNING. Exactly one caller ever gets true for a request. */
    public boolean claim(long id, String runner, Instant at) throws SQLException {
        return RequestTable.claim(c, id, runner, at);
    }

    public void heartbeat(long id, Instant at) throws SQLException {
        RequestTable.heartbeat(c, id, at);
    }

    /** RUNNING → a final state. */
    public boolean finish(long id, RequestState to, Instant at, String outcome, boolean announced) throws SQLException {
        return RequestTable.finish(c, id, to, at, outcome, announced);
    }

    /** Takes the duty to tell a state change; true for exactly one caller. */
    public boolean claimAnnouncement(long id) throws SQLException {
        return RequestTable.claimAnnouncement(c, id);
    }

    // ---- votes

    /** False when this person already voted on this request. */
    public boolean insertVote(VoteRecord v) throws SQLException {
        return VoteTable.insert(c, v);
    }

    /** Deletes this person's vote (withdrawn before the plan ran); false when there was none. */
    public boolean deleteVote(long requestId, String voterId) throws SQLException {
        return VoteTable.delete(c, requestId, voterId);
    }

    public List<VoteRecord> votes(long requestId) throws SQLException {
        return VoteTable.of(c, requestId);
    }

    // ---- audit and deliveries

    public long append(AuditEntry e) throws SQLException {
        return AuditTable.append(c, e);
    }

    public List<AuditEntry> recentAudit(int limit) throws SQLException {
        return AuditTable.recent(c, limit);
    }

    public List<AuditEntry> auditOf(long requestId) throws SQLException {
        return AuditTable.ofRequest(c, requestId);
    }

    /** Records a chat delivery; false when it was seen before (a redelivery). */
    public boolean firstDelivery(String platform, String eventId, Instant at) throws SQLException {
        return DeliveryTable.first(c, platform, eventId, at);
    }

    public int forgetDeliveriesBefore(Instant before) throws SQLException {
        return DeliveryTable.forgetBefore(c, before);
    }

    // ---- alert incidents and silences

    public long nextIncidentId() throws SQLException {
        return IncidentTable.nextId(c);
    }

    public void saveIncident(IncidentRow row) throws SQLException {
        IncidentTable.save(c, row);
    }

    public Optional<IncidentRow> latestIncident(String key) throws SQLException {
        return IncidentTable.latest(c, key);
    }

    public List<IncidentRow> openIncidents() throws SQLException {
        return IncidentTable.open(c);
    }

    public List<IncidentRow> incidentsSince(Instant since) throws SQLException {
        return IncidentTable.since(c, since);
    }

    /** The incident posted as this message in this channel (as for requests, all three parts must match). */
    public Optional<IncidentRow> incidentByMessage(String platform, String channelId, String messageId)
            throws SQLException {
        return IncidentTable.byMessage(c, platform, channelId, messageId);
    }

    public SilenceRow addSilence(String target, Instant until, String reason, String by, Instant now)
            throws SQLException {
        return SilenceTable.add(c, target, until, reason, by, now);
    }

    public List<SilenceRow> activeSilences(Instant now) throws SQLException {
        return SilenceTable.active(c, now);
    }

    // ---- leadership leases

    /** Takes or renews lease {@code name} for {@code holder}; false while another holder's lease runs. */
    public boolean acquireLease(String name, String holder, Instant now, Duration ttl) throws SQLException {
        return LeaseTable.acquire(c, name, holder, now, ttl);
    }

    public void releaseLease(String name, String holder) throws SQLException {
        LeaseTable.release(c, name, holder);
    }

    // ---- runbook runs (see RunbookRunTable)

    public long insertRunbookRun(String runbook, String planHash, java.util.Map<String, String> planValues, Instant now)
            throws SQLException {
        return RunbookRunTable.insert(c, runbook, planHash, planValues, now);
    }

    public void setRunbookRunState(long run, io.slurmops.commands.runbook.run.RunState state, String note, Instant now)
            throws SQLException {
        RunbookRunTable.setState(c, run, state, note, now);
    }

    public void setRunbookValue(long run, String name, String value) throws SQLException {
        RunbookRunTable.setValue(c, run, name, value);
    }

    public void runbookStepStarted(long run, int index, String stepId, Instant now) throws SQLException {
        RunbookRunTable.stepStarted(c, run, index, stepId, now);
    }

    public void runbookStepEnded(long run, int index, io.slurmops.commands.runbook.run.StepStatus status, String output,
                                 java.time.Duration elapsed) throws SQLException {
        RunbookRunTable.stepEnded(c, run, index, status, output, elapsed);
    }

    public Optional<io.slurmops.commands.runbook.run.RunJournal.RunRecord> runbookRun(long run) throws SQLException {
        return RunbookRunTable.byId(c, run);
    }

    public List<Long> recentRunbookRuns(int limit) throws SQLException {
        return RunbookRunTable.recent(c, limit);
    }

    public List<Long> unfinishedRunbookRuns() throws SQLException {
        return RunbookRunTable.unfinished(c);
    }

    // ---- declared incidents (V7)

    /** Declared incidents, their timelines and links, and the node-state samples charts are drawn from. */
    public DeclaredIncidentTable declaredIncidents() {
        return new DeclaredIncidentTable(c);
    }
}
