package io.slurmops.adapters.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The page outbox and incident acknowledgements. Every state change is a conditional update, so two
 * senders on one store can never both claim or finish the same row.
 */
final class PageTable {

    private static final String COLUMNS = "id, incident_id, incident_key, level_name, target, action, state, detail, "
            + "attempts, next_ms, claimed_by, created_ms, sent_ms, last_error";

    private PageTable() {
    }

    /** Writes the row unless this incident + level + target + action has one already; true when written. */
    static boolean enqueue(Connection c, long incident, String key, String level, String target, String action,
                           String detail, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO page_outbox (incident_id, incident_key, level_name, "
                + "target, action, state, detail, attempts, next_ms, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)")) {
            p.setLong(1, incident);
            p.setString(2, Sql.cut(key, 255));
            p.setString(3, Sql.cut(level, 64));
            p.setString(4, Sql.cut(target, 160));
            p.setString(5, action);
            p.setString(6, PageRow.PENDING);
            p.setString(7, detail);
            p.setLong(8, now.toEpochMilli());
            p.setLong(9, now.toEpochMilli());
            p.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Sql.isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    static List<PageRow> ofIncident(Connection c, long incident) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM page_outbox WHERE incident_id = ? ORDER BY id", incident);
    }

    /**
     * Triggers sent to a paging service (not a chat mention) without a resolve for the same incident and
     * target yet: their recovery must still reach that service. Resolved ones drop out, so this stays short.
     */
    static List<PageRow> unresolvedTriggers(Connection c) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM page_outbox t WHERE action = 'trigger' AND state = 'SENT' "
                + "AND target NOT LIKE 'group:%' AND NOT EXISTS (SELECT 1 FROM page_outbox r "
                + "WHERE r.incident_id = t.incident_id AND r.level_name = t.level_name AND r.target = t.target "
                + "AND r.action = 'resolve') ORDER BY id");
    }

    /** Due rows nobody holds a live claim on, oldest first. */
    static List<PageRow> due(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM page_outbox WHERE state = 'PENDING' "
                + "AND next_ms <= ? AND (claimed_until_ms IS NULL OR claimed_until_ms < ?) ORDER BY id")) {
            p.setLong(1, now.toEpochMilli());
            p.setLong(2, now.toEpochMilli());
            p.setMaxRows(limit);
            return rows(p);
        }
    }

    /** Takes a due row for {@code holder} until {@code now + lease}; true for exactly one claimant. */
    static boolean claim(Connection c, long id, String holder, Instant now, Duration lease) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE page_outbox SET claimed_by = ?, claimed_until_ms = ? "
                + "WHERE id = ? AND state = 'PENDING' AND (claimed_until_ms IS NULL OR claimed_until_ms < ?)")) {
            p.setString(1, holder);
            p.setLong(2, now.plus(lease).toEpochMilli());
            p.setLong(3, id);
            p.setLong(4, now.toEpochMilli());
            return p.executeUpdate() == 1;
        }
    }

    /** The claimant's outcome: SENT or FAILED (final), or PENDING again at {@code next} (a retry). */
    static boolean finish(Connection c, long id, String holder, String state, Instant now, Instant next, String error)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE page_outbox SET state = ?, attempts = attempts + 1, "
                + "next_ms = ?, sent_ms = ?, last_error = ?, claimed_by = NULL, claimed_until_ms = NULL "
                + "WHERE id = ? AND claimed_by = ? AND state = 'PENDING'")) {
            p.setString(1, state);
            p.setLong(2, (next == null ? now : next).toEpochMilli());
            Sql.setInstant(p, 3, PageRow.SENT.equals(state) ? now : null);
            p.setString(4, Sql.cut(error, 512));
            p.setLong(5, id);
            p.setString(6, holder);
            return p.executeUpdate() == 1;
        }
    }

    /** Pending rows of an incident nobody is sending now are cancelled (acknowledged or recovered first). */
    static int cancelPending(Connection c, long incident, String action, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE page_outbox SET state = 'CANCELLED' WHERE incident_id = ? "
                + "AND action = ? AND state = 'PENDING' AND (claimed_until_ms IS NULL OR claimed_until_ms < ?)")) {
            p.setLong(1, incident);
            p.setString(2, action);
            p.setLong(3, now.toEpochMilli());
            return p.executeUpdate();
        }
    }

    /** Records the first acknowledgement; false when the incident was acknowledged before. */
    static boolean acknowledge(Connection c, long incident, String by, String via, Instant at) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO incident_acks (incident_id, acked_by, via, acked_ms) "
                + "VALUES (?, ?, ?, ?)")) {
            p.setLong(1, incident);
            p.setString(2, Sql.cut(by, 255));
            p.setString(3, Sql.cut(via, 32));
            p.setLong(4, at.toEpochMilli());
            p.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Sql.isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Who acknowledged the incident, and when, if anyone did. */
    static Optional<AckRow> acknowledgement(Connection c, long incident) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT acked_by, via, acked_ms FROM incident_acks WHERE incident_id = ?")) {
            p.setLong(1, incident);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(new AckRow(incident, rs.getString(1), rs.getString(2),
                        Instant.ofEpochMilli(rs.getLong(3)))) : Optional.empty();
            }
        }
    }

    private static List<PageRow> query(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            return rows(p);
        }
    }

    private static List<PageRow> rows(PreparedStatement p) throws SQLException {
        List<PageRow> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(new PageRow(rs.getLong("id"), rs.getLong("incident_id"), rs.getString("incident_key"),
                        rs.getString("level_name"), rs.getString("target"), rs.getString("action"),
                        rs.getString("state"), rs.getString("detail"), rs.getInt("attempts"),
                        Sql.instant(rs, "next_ms"), rs.getString("claimed_by"), Sql.instant(rs, "created_ms"),
                        Sql.instant(rs, "sent_ms"), rs.getString("last_error")));
            }
        }
        return out;
    }
}
