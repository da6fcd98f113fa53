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
    private final Dialect dialect;
    /** Requests this transaction decided, for the store's observer once it commits. */
    private final java.util.List<RequestState> decided = new java.util.ArrayList<>();

    StoreTx(Connection c, Dialect dialect) {
        this.c = c;
        this.dialect = dialect;
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

    // ---- leadership leases and claims (timed by the database's clock)

    /**
     * Takes or renews lease {@code name} for {@code holder} until the database's now + {@code ttl};
     * empty while another holder's lease runs. A grant to a new holder carries a larger token.
     */
    public Optional<Lease> acquireLease(String name, String holder, Duration ttl) throws SQLException {
        return LeaseTable.acquire(c, dialect, name, holder, ttl);
    }

    /**
     * Fencing: throws {@link StaleLeaseException} unless {@code token} is still lease {@code name}'s,
     * and holds the lease row until this transaction ends, so no takeover slips between the check
     * and the writes that follow it in the same transaction.
     */
    public void requireLease(String name, long token) throws SQLException {
        LeaseTable.require(c, name, token);
    }

    public Optional<Lease> lease(String name) throws SQLException {
        return LeaseTable.read(c, name);
    }

    /** Expires the lease now if {@code holder} has it (the next grant gets a larger token). */
    public void releaseLease(String name, String holder) throws SQLException {
        LeaseTable.release(c, name, holder);
    }

    /** The database's clock, epoch milliseconds. */
    public long databaseNowMs() throws SQLException {
        return LeaseTable.now(c, dialect);
    }

    /**
     * Claims work {@code name} for {@code holder}: true for exactly one caller, or again for a caller
     * with a newer lease {@code token} while the claim is not {@link #finishClaim finished} (use 0
     * for work not done under a lease: claimed once, never again).
     */
    public boolean claimOnce(String name, String holder, long token) throws SQLException {
        return ClaimTable.claim(c, dialect, name, holder, token);
    }

    public void finishClaim(String name) throws SQLException {
        ClaimTable.done(c, dialect, name);
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

    // ---- who executes a runbook run (see RunOwnerTable, V9)

    public void ownRunbookRun(long run, String owner) throws SQLException {
        RunOwnerTable.own(c, dialect, run, owner);
    }

    public int runbookHeartbeat(String owner) throws SQLException {
        return RunOwnerTable.heartbeat(c, dialect, owner);
    }

    public boolean pauseOrphanedRunbookRun(long run, String me, java.time.Duration stale, String note, Instant now)
            throws SQLException {
        return RunOwnerTable.pauseIfOrphaned(c, dialect, run, me, stale, note, now.toEpochMilli());
    }

    public boolean claimRunbookResume(long run, io.slurmops.commands.runbook.run.RunState from, String owner, Instant now)
            throws SQLException {
        return RunOwnerTable.claimResume(c, dialect, run, from, owner, now.toEpochMilli());
    }

    // ---- declared incidents (V7)

    /** Declared incidents, their timelines and links, and the node-state samples charts are drawn from. */
    public DeclaredIncidentTable declaredIncidents() {
        return new DeclaredIncidentTable(c);
    }

    // ---- acknowledgements and the page outbox (see PageTable)

    /** Records the first acknowledgement of an incident; false when it was acknowledged before. */
    public boolean acknowledgeIncident(long incident, String by, String via, Instant at) throws SQLException {
        return PageTable.acknowledge(c, incident, by, via, at);
    }

    public Optional<AckRow> acknowledgement(long incident) throws SQLException {
        return PageTable.acknowledgement(c, incident);
    }

    /** Writes an outbox row unless incident + level + target + action has one; true when written. */
    public boolean enqueuePage(long incident, String key, String level, String target, String action, String detail,
                               Instant now) throws SQLException {
        return PageTable.enqueue(c, incident, key, level, target, action, detail, now);
    }

    public List<PageRow> pagesOf(long incident) throws SQLException {
        return PageTable.ofIncident(c, incident);
    }

    /** Triggers sent to a paging service that have no resolve row yet. */
    public List<PageRow> unresolvedPages() throws SQLException {
        return PageTable.unresolvedTriggers(c);
    }

    public List<PageRow> duePages(Instant now, int limit) throws SQLException {
        return PageTable.due(c, now, limit);
    }

    /** Claims a due row for {@code holder}; true for exactly one claimant. */
    public boolean claimPage(long id, String holder, Instant now, Duration lease) throws SQLException {
        return PageTable.claim(c, id, holder, now, lease);
    }

    /** The claimant's outcome: SENT/FAILED, or PENDING again at {@code next} for a retry. */
    public boolean finishPage(long id, String holder, String state, Instant now, Instant next, String error)
            throws SQLException {
        return PageTable.finish(c, id, holder, state, now, next, error);
    }

    public int cancelPendingPages(long incident, String action, Instant now) throws SQLException {
        return PageTable.cancelPending(c, incident, action, now);
    }
}
