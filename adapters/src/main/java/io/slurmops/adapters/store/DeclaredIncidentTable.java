package io.slurmops.adapters.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Declared incidents, their timeline events and links (V7), bound to one transaction's connection.
 * Changes of state are conditional ({@code resolved_ms IS NULL}) so two instances never resolve twice.
 */
public final class DeclaredIncidentTable {

    /** One thing people wrote on the incident: DECLARE, LEAD, UPDATE, NOTE, REMINDER, RESOLVE. */
    public record Event(long id, long incidentId, String kind, String actor, String body, Instant at) {
    }

    /** Something the incident gathered: ALERT, REQUEST or RUNBOOK with that row's id, and why. */
    public record Link(long incidentId, String kind, long refId, String reason, Instant at) {
    }

    private static final String COLUMNS = "id, severity, title, platform, channel_id, message_id, declared_by, "
            + "lead_name, declared_ms, last_update_ms, reminded_ms, resolved_ms";

    private final Connection c;

    DeclaredIncidentTable(Connection c) {
        this.c = c;
    }

    public long declare(String severity, String title, String platform, String channelId, String by, Instant at)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO declared_incidents (severity, title, platform, "
                + "channel_id, declared_by, declared_ms, last_update_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, Sql.cut(severity, 16));
            p.setString(2, Sql.cut(title, 500));
            p.setString(3, platform);
            p.setString(4, Sql.cut(channelId, 255));
            p.setString(5, Sql.cut(by, 255));
            p.setLong(6, at.toEpochMilli());
            p.setLong(7, at.toEpochMilli());
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no id for the declared incident");
                }
                return keys.getLong(1);
            }
        }
    }

    public Optional<DeclaredIncidentRow> byId(long id) throws SQLException {
        List<DeclaredIncidentRow> rows = select("WHERE id = ?", id);
        return rows.stream().findFirst();
    }

    /** Open incidents, newest first; those of one channel when {@code channelId} is given. */
    public List<DeclaredIncidentRow> open(String platform, String channelId) throws SQLException {
        if (channelId == null) {
            return select("WHERE resolved_ms IS NULL ORDER BY id DESC");
        }
        return select("WHERE resolved_ms IS NULL AND platform = ? AND channel_id = ? ORDER BY id DESC", platform,
                channelId);
    }

    /** The incident whose announcement (thread root) this message is. */
    public Optional<DeclaredIncidentRow> byMessage(String platform, String channelId, String messageId)
            throws SQLException {
        return select("WHERE platform = ? AND channel_id = ? AND message_id = ? ORDER BY id DESC", platform,
                channelId, messageId).stream().findFirst();
    }

    public void setMessage(long id, String messageId) throws SQLException {
        update("UPDATE declared_incidents SET message_id = ? WHERE id = ?", messageId, id);
    }

    public void setLead(long id, String lead) throws SQLException {
        update("UPDATE declared_incidents SET lead_name = ? WHERE id = ?", Sql.cut(lead, 255), id);
    }

    public void updated(long id, Instant at) throws SQLException {
        update("UPDATE declared_incidents SET last_update_ms = ? WHERE id = ?", at.toEpochMilli(), id);
    }

    /** Takes the duty to remind; true for exactly one caller per cadence. */
    public boolean claimReminder(long id, Instant dueBefore, Instant at) throws SQLException {
        return update("UPDATE declared_incidents SET reminded_ms = ? WHERE id = ? AND resolved_ms IS NULL "
                + "AND last_update_ms < ? AND (reminded_ms IS NULL OR reminded_ms < ?)", at.toEpochMilli(), id,
                dueBefore.toEpochMilli(), dueBefore.toEpochMilli()) == 1;
    }

    /** Open → resolved; false when it already was. */
    public boolean resolve(long id, Instant at) throws SQLException {
        return update("UPDATE declared_incidents SET resolved_ms = ? WHERE id = ? AND resolved_ms IS NULL",
                at.toEpochMilli(), id) == 1;
    }

    public void addEvent(long incidentId, String kind, String actor, String body, Instant at) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO declared_incident_events (incident_id, kind, actor, "
                + "body, at_ms) VALUES (?, ?, ?, ?, ?)")) {
            p.setLong(1, incidentId);
            p.setString(2, kind);
            p.setString(3, Sql.cut(actor, 255));
            p.setString(4, Sql.cut(body, 4000));
            p.setLong(5, at.toEpochMilli());
            p.executeUpdate();
        }
    }

    public List<Event> events(long incidentId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id, incident_id, kind, actor, body, at_ms FROM "
                + "declared_incident_events WHERE incident_id = ? ORDER BY at_ms, id")) {
            p.setLong(1, incidentId);
            List<Event> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Event(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Sql.instant(rs, "at_ms")));
                }
            }
            return out;
        }
    }

    /** Links a row to the incident; false when it already was (whoever linked it first keeps the reason). */
    public boolean link(long incidentId, String kind, long refId, String reason, Instant at) throws SQLException {
        if (!links(incidentId).stream().filter(l -> l.kind().equals(kind) && l.refId() == refId).toList().isEmpty()) {
            return false;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO declared_incident_links (incident_id, kind, ref_id, "
                + "reason, at_ms) VALUES (?, ?, ?, ?, ?)")) {
            p.setLong(1, incidentId);
            p.setString(2, kind);
            p.setLong(3, refId);
            p.setString(4, Sql.cut(reason, 255));
            p.setLong(5, at.toEpochMilli());
            p.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Sql.isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    public List<Link> links(long incidentId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT incident_id, kind, ref_id, reason, at_ms FROM "
                + "declared_incident_links WHERE incident_id = ? ORDER BY at_ms, kind, ref_id")) {
            p.setLong(1, incidentId);
            List<Link> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Link(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            Sql.instant(rs, "at_ms")));
                }
            }
            return out;
        }
    }

    /** Change requests created in [from, to), for the linking rule. */
    public List<RequestRecord> requestsBetween(Instant from, Instant to) throws SQLException {
        return RequestTable.createdBetween(c, from, to);
    }

    /** Runbook runs created in [from, to): id → runbook name. */
    public Map<Long, String> runbookRunsBetween(Instant from, Instant to) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id, runbook FROM runbook_runs WHERE created_ms >= ? "
                + "AND created_ms < ? ORDER BY id")) {
            p.setLong(1, from.toEpochMilli());
            p.setLong(2, to.toEpochMilli());
            Map<Long, String> out = new LinkedHashMap<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
            return out;
        }
    }

    // ---- node-state samples (the chart's data)

    /** One poll's node counts by state; a second write for the same instant is ignored. */
    public void recordNodeStates(Instant at, Map<String, Integer> countsByState) throws SQLException {
        for (Map.Entry<String, Integer> e : countsByState.entrySet()) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO node_state_samples (at_ms, state, nodes) "
                    + "VALUES (?, ?, ?)")) {
                p.setLong(1, at.toEpochMilli());
                p.setString(2, Sql.cut(e.getKey(), 32));
                p.setInt(3, e.getValue());
                p.executeUpdate();
            } catch (SQLException ex) {
                if (!Sql.isDuplicate(ex)) {
                    throw ex;
                }
            }
        }
    }

    /** Samples in [from, to], oldest first: time → (state → nodes). */
    public Map<Instant, Map<String, Integer>> nodeStates(Instant from, Instant to) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT at_ms, state, nodes FROM node_state_samples "
                + "WHERE at_ms >= ? AND at_ms <= ? ORDER BY at_ms, state")) {
            p.setLong(1, from.toEpochMilli());
            p.setLong(2, to.toEpochMilli());
            Map<Instant, Map<String, Integer>> out = new LinkedHashMap<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(Instant.ofEpochMilli(rs.getLong(1)), k -> new LinkedHashMap<>())
                            .put(rs.getString(2), rs.getInt(3));
                }
            }
            return out;
        }
    }

    public int forgetNodeStatesBefore(Instant before) throws SQLException {
        return update("DELETE FROM node_state_samples WHERE at_ms < ?", before.toEpochMilli());
    }

    private List<DeclaredIncidentRow> select(String where, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM declared_incidents " + where)) {
            bind(p, args);
            List<DeclaredIncidentRow> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new DeclaredIncidentRow(rs.getLong("id"), rs.getString("severity"), rs.getString("title"),
                            rs.getString("platform"), rs.getString("channel_id"), rs.getString("message_id"),
                            rs.getString("declared_by"), rs.getString("lead_name"), Sql.instant(rs, "declared_ms"),
                            Sql.instant(rs, "last_update_ms"), Sql.instant(rs, "reminded_ms"),
                            Sql.instant(rs, "resolved_ms")));
                }
            }
            return out;
        }
    }

    private int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, args);
            return p.executeUpdate();
        }
    }

    private static void bind(PreparedStatement p, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            p.setObject(i + 1, args[i]);
        }
    }
}
