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
 * The requests table. Every state change is conditional on the state it leaves
 * ({@code … WHERE id = ? AND state = ?}) and says whether it won: that, not locks held in memory,
 * is what makes a request move forward exactly once across processes.
 */
final class RequestTable {

    private static final String COLUMNS = "id, state, command, line, risk, requester_id, requester_name, platform, "
            + "channel_id, message_id, approvals_needed, plan_text, plan_hash, created_ms, expires_ms, decided_ms, "
            + "started_ms, finished_ms, heartbeat_ms, runner, outcome, announced";

    private RequestTable() {
    }

    static long insert(Connection c, NewRequest r) throws SQLException {
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

    static Optional<RequestRecord> byId(Connection c, long id, boolean lock) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM requests WHERE id = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            p.setLong(1, id);
            return first(p);
        }
    }

    /**
     * A message id is unique only within its channel (a Slack {@code ts} is a time stamp), so the
     * lookup needs all three parts; a missing channel matches nothing.
     */
    static Optional<RequestRecord> byMessage(Connection c, String platform, String channelId, String messageId)
            throws SQLException {
        if (platform == null || channelId == null || messageId == null) {
            return Optional.empty();
        }
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM requests WHERE platform = ? "
                + "AND channel_id = ? AND message_id = ? ORDER BY id DESC")) {
            p.setString(1, platform);
            p.setString(2, channelId);
            p.setString(3, messageId);
            return first(p);
        }
    }

    static List<RequestRecord> in(Connection c, Set<RequestState> states) throws SQLException {
        String in = states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM requests WHERE state IN (" + in
                + ") ORDER BY id")) {
            return rows(p);
        }
    }

    /** Requests created in [from, to): what a declared incident's window may gather. */
    static List<RequestRecord> createdBetween(Connection c, java.time.Instant from, java.time.Instant to)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM requests WHERE created_ms >= ? "
                + "AND created_ms < ? ORDER BY id")) {
            p.setLong(1, from.toEpochMilli());
            p.setLong(2, to.toEpochMilli());
            return rows(p);
        }
    }

    static List<RequestRecord> unannounced(Connection c, String platform, String channelId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM requests WHERE announced = FALSE "
                + "AND platform = ? AND channel_id = ? ORDER BY id")) {
            p.setString(1, platform);
            p.setString(2, channelId);
            return rows(p);
        }
    }

    static boolean attachPlan(Connection c, long id, String planText, String planHash, int approvalsNeeded,
                              Instant expiresAt)
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

    static void setMessage(Connection c, long id, String messageId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE requests SET message_id = ? WHERE id = ?")) {
            p.setString(1, Sql.cut(messageId, 255));
            p.setLong(2, id);
            p.executeUpdate();
        }
    }

    static boolean decide(Connection c, long id, RequestState from, RequestState to, Instant at, String outcome,
                          boolean announced)
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

    static boolean claim(Connection c, long id, String runner, Instant at) throws SQLException {
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

    static void heartbeat(Connection c, long id, Instant at) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE requests SET heartbeat_ms = ? WHERE id = ? AND state = ?")) {
            p.setLong(1, at.toEpochMilli());
            p.setLong(2, id);
            p.setString(3, RequestState.RUNNING.name());
            p.executeUpdate();
        }
    }

    static boolean finish(Connection c, long id, RequestState to, Instant at, String outcome, boolean announced)
            throws SQLException {
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

    static boolean claimAnnouncement(Connection c, long id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE requests SET announced = TRUE WHERE id = ? "
                + "AND announced = FALSE")) {
            p.setLong(1, id);
            return p.executeUpdate() == 1;
        }
    }

    private static Optional<RequestRecord> first(PreparedStatement p) throws SQLException {
        List<RequestRecord> rows = rows(p);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
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
}
