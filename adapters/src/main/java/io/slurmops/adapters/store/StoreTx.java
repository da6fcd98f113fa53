package io.slurmops.adapters.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operations of one transaction. Every state change is conditional on the state it leaves
 * ({@code … WHERE id = ? AND state = ?}) and says whether it won: that, not locks held in memory,
 * is what makes a request move forward exactly once across processes.
 */
public final class StoreTx {

    private static final String COLUMNS = "id, state, command, line, risk, requester_id, requester_name, platform, "
            + "channel_id, message_id, approvals_needed, plan_text, plan_hash, created_ms, expires_ms, decided_ms, "
            + "started_ms, finished_ms, heartbeat_ms, runner, outcome, announced";

    private final Connection c;

    StoreTx(Connection c) {
        this.c = c;
    }

    // ---- requests

    /** Inserts a request in state PLANNING and returns its number. */
    public long insertRequest(NewRequest r) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO requests (state, command, line, risk, requester_id, "
                + "requester_name, platform, channel_id, approvals_needed, created_ms, announced) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, TRUE)", Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, RequestState.PLANNING.name());
            p.setString(2, r.command());
            p.setString(3, Sql.cut(r.line(), 2000));
            p.setString(4, r.risk());
            p.setString(5, r.requesterId());
            p.setString(6, r.requesterName());
            p.setString(7, r.platform());
            p.setString(8, r.channelId());
            p.setLong(9, r.createdAt().toEpochMilli());
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no id generated for the request");
                }
                return keys.getLong(1);
            }
        }
    }

    public Optional<RequestRecord> request(long id) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM requests WHERE id = ?", id);
    }

    /** Reads the request and locks its row until the transaction ends: concurrent voters queue here. */
    public Optional<RequestRecord> lockRequest(long id) throws SQLException {
        return one("SELECT " + COLUMNS + " FROM requests WHERE id = ? FOR UPDATE", id);
    }

    /** The request whose plan message this is (the newest, should a platform reuse ids). */
    public Optional<RequestRecord> requestByMessage(String platform, String messageId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM requests WHERE platform = ? "
                + "AND message_id = ? ORDER BY id DESC")) {
            p.setString(1, platform);
            p.setString(2, messageId);
            List<RequestRecord> rows = rows(p);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    public List<RequestRecord> requestsIn(Set<RequestState> states) throws SQLException {
        String in = states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM requests WHERE state IN (" + in
                + ") ORDER BY id")) {
            return rows(p);
        }
    }

    /** Requests whose last state change was not yet told in their channel. */
    public List<RequestRecord> unannounced(String platform, String channelId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM requests WHERE announced = FALSE "
                + "AND platform = ? AND channel_id = ? ORDER BY id")) {
            p.setString(1, platform);
            p.setString(2, channelId);
            return rows(p);
        }
    }

    /** PLANNING → PENDING with the frozen plan. */
    public boolean attachPlan(long id, String planText, String planHash, int approvalsNeeded, Instant expiresAt)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE requests SET state = ?, plan_text = ?, plan_hash = ?, "
                + "approvals_needed = ?, expires_ms = ? WHERE id = ? AND state = ?")) {
            p.setString(1, RequestState.PENDING.name());
            p.setString(2, planText);
            p.setString(3, planHash);
            p.setInt(4, approvalsNeeded);
            Sql.setInstant(p, 5, expiresAt);
            p.setLong(6, id);
            p.setString(7, RequestState.PLANNING.name());
            return p.executeUpdate() == 1;
        }
    }

    public void setMessage(long id, String messageId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE requests SET message_id = ? WHERE id = ?")) {
            p.setString(1, Sql.cut(messageId, 255));
            p.setLong(2, id);
            p.executeUpdate();
        }
    }

    /**
     * A decision without execution (rejected, approved, denied, expired, cancelled).
     *
     * @param announced false when the channel has not been told yet (a sweeper without the channel)
     */
    public boolean decide(long id, RequestState from, RequestState to, Instant at, String outcome, boolean announced)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE requests SET state = ?, decided_ms = ?, outcome = ?, "
                + "announced = ? WHERE id = ? AND state = ?")) {
            p.setString(1, to.name());
            p.setLong(2, at.toEpochMilli());
            p.setString(3, Sql.cut(outcome, 2000));
            p.setBoolean(4, announced);
            p.setLong(5, id);
            p.setString(6, from.name());
            return p.executeUpdate() == 1;
        }
    }

    /** APPROVED → RUNNING. Exactly one caller ever gets true for a request. */
    public boolean claim(long id, String runner, Instant at) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE requests SET state = ?, started_ms = ?, heartbeat_ms = ?, "
                + "runner = ? WHERE id = ? AND state = ?")) {
            p.setString(1, RequestState.RUNNING.name());
            p.setLong(2, at.toEpochMilli());
            p.setLong(3, at.toEpochMilli());
            p.setString(4, Sql.cut(runner, 255));
            p.setLong(5, id);
            p.setString(6, RequestState.APPROVED.name());
            return p.executeUpdate() == 1;
        }
    }

    public void heartbeat(long id, Instant at) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE requests SET heartbeat_ms = ? WHERE id = ? AND state = ?")) {
            p.setLong(1, at.toEpochMilli());
            p.setLong(2, id);
            p.setString(3, RequestState.RUNNING.name());
            p.executeUpdate();
        }
    }

    /** RUNNING → a final state. */
    public boolean finish(long id, RequestState to, Instant at, String outcome, boolean announced) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE requests SET state = ?, finished_ms = ?, outcome = ?, "
                + "announced = ? WHERE id = ? AND state = ?")) {
            p.setString(1, to.name());
            p.setLong(2, at.toEpochMilli());
            p.setString(3, Sql.cut(outcome, 2000));
            p.setBoolean(4, announced);
            p.setLong(5, id);
            p.setString(6, RequestState.RUNNING.name());
            return p.executeUpdate() == 1;
        }
    }

    /** Takes the duty to tell a state change; true for exactly one caller. */
    public boolean claimAnnouncement(long id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE requests SET announced = TRUE WHERE id = ? "
                + "AND announced = FALSE")) {
            p.setLong(1, id);
            return p.executeUpdate() == 1;
        }
    }

    // ---- votes

    /** False when this person already voted on this request. */
    public boolean insertVote(VoteRecord v) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO votes (request_id, voter_id, voter_name, decision, "
                + "comment, via, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, v.requestId());
            p.setString(2, v.voterId());
            p.setString(3, v.voterName());
            p.setString(4, v.decision().name());
            p.setString(5, Sql.cut(v.comment(), 1000));
            p.setString(6, v.via());
            p.setLong(7, v.at().toEpochMilli());
            p.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Sql.isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    public List<VoteRecord> votes(long requestId) throws SQLException {
        List<VoteRecord> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT request_id, voter_id, voter_name, decision, comment, via, "
                + "at_ms FROM votes WHERE request_id = ? ORDER BY at_ms, voter_id")) {
            p.setLong(1, requestId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new VoteRecord(rs.getLong(1), rs.getString(2), rs.getString(3),
                            Decision.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                            Instant.ofEpochMilli(rs.getLong(7))));
                }
            }
        }
        return out;
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
        try (PreparedStatement p = c.prepareStatement("INSERT INTO chat_events (platform, event_id, at_ms) VALUES (?, ?, ?)")) {
            p.setString(1, platform);
            p.setString(2, Sql.cut(eventId, 255));
            p.setLong(3, at.toEpochMilli());
            p.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Sql.isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    public int forgetDeliveriesBefore(Instant before) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM chat_events WHERE at_ms < ?")) {
            p.setLong(1, before.toEpochMilli());
            return p.executeUpdate();
        }
    }

    // ---- mapping

    private Optional<RequestRecord> one(String sql, long id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, id);
            List<RequestRecord> rows = rows(p);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    private static List<RequestRecord> rows(PreparedStatement p) throws SQLException {
        List<RequestRecord> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(new RequestRecord(rs.getLong("id"), RequestState.valueOf(rs.getString("state")),
                        rs.getString("command"), rs.getString("line"), rs.getString("risk"),
                        rs.getString("requester_id"), rs.getString("requester_name"), rs.getString("platform"),
                        rs.getString("channel_id"), rs.getString("message_id"), rs.getInt("approvals_needed"),
                        rs.getString("plan_text"), rs.getString("plan_hash"), Sql.instant(rs, "created_ms"),
                        Sql.instant(rs, "expires_ms"), Sql.instant(rs, "decided_ms"), Sql.instant(rs, "started_ms"),
                        Sql.instant(rs, "finished_ms"), Sql.instant(rs, "heartbeat_ms"), rs.getString("runner"),
                        rs.getString("outcome"), rs.getBoolean("announced")));
            }
        }
        return out;
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

    public Optional<IncidentRow> incidentByMessage(String messageId) throws SQLException {
        return IncidentTable.byMessage(c, messageId);
    }

    public SilenceRow addSilence(String target, Instant until, String reason, String by, Instant now)
            throws SQLException {
        return IncidentTable.addSilence(c, target, until, reason, by, now);
    }

    public List<SilenceRow> activeSilences(Instant now) throws SQLException {
        return IncidentTable.activeSilences(c, now);
    }

    // ---- leadership leases

    /** Takes or renews lease {@code name} for {@code holder}; false while another holder's lease runs. */
    public boolean acquireLease(String name, String holder, Instant now, java.time.Duration ttl) throws SQLException {
        return LeaseTable.acquire(c, name, holder, now, ttl);
    }

    public void releaseLease(String name, String holder) throws SQLException {
        LeaseTable.release(c, name, holder);
    }
}
