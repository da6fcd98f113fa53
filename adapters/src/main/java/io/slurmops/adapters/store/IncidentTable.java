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

/** The incidents table of the alert engine: one row per incident, with where its message was posted. */
final class IncidentTable {

    private static final String COLUMNS = "id, incident_key, probe, subject, severity, summary, diagnosis_id, repair, "
            + "opened_ms, last_seen_ms, resolved_ms, platform, channel_id, message_id, missed_polls, flaps, first_response_ms, approved_ms, "
            + "request_id";

    private IncidentTable() {
    }

    static long nextId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(id) FROM incidents")) {
            return rs.next() ? rs.getLong(1) + 1 : 1;
        }
    }

    /** Inserts or replaces the row with this id. */
    static void save(Connection c, IncidentRow r) throws SQLException {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM incidents WHERE id = ?")) {
            d.setLong(1, r.id());
            d.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO incidents (" + COLUMNS + ") VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, r.id());
            p.setString(2, Sql.cut(r.key(), 255));
            p.setString(3, Sql.cut(r.probe(), 64));
            p.setString(4, Sql.cut(r.subject(), 255));
            p.setString(5, r.severity());
            p.setString(6, Sql.cut(r.summary(), 2000));
            p.setString(7, Sql.cut(r.diagnosisId(), 128));
            p.setString(8, Sql.cut(r.repair(), 500));
            Sql.setInstant(p, 9, r.openedAt());
            Sql.setInstant(p, 10, r.lastSeenAt());
            Sql.setInstant(p, 11, r.resolvedAt());
            p.setString(12, Sql.cut(r.platform(), 32));
            p.setString(13, Sql.cut(r.channelId(), 255));
            p.setString(14, r.messageId());
            p.setInt(15, r.missedPolls());
            p.setInt(16, r.flaps());
            Sql.setInstant(p, 17, r.firstResponseAt());
            Sql.setInstant(p, 18, r.approvedAt());
            p.setString(19, r.requestId());
            p.executeUpdate();
        }
    }

    static Optional<IncidentRow> latest(Connection c, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents WHERE incident_key = ? "
                + "ORDER BY id DESC")) {
            p.setMaxRows(1);
            p.setString(1, key);
            return rows(p).stream().findFirst();
        }
    }

    static List<IncidentRow> open(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents WHERE resolved_ms IS NULL "
                + "ORDER BY id")) {
            return rows(p);
        }
    }

    static List<IncidentRow> since(Connection c, Instant since) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents WHERE opened_ms >= ? "
                + "ORDER BY opened_ms DESC")) {
            p.setLong(1, since.toEpochMilli());
            return rows(p);
        }
    }

    /** As for requests: a message id means something only with its platform and channel. */
    static Optional<IncidentRow> byMessage(Connection c, String platform, String channelId, String messageId)
            throws SQLException {
        if (platform == null || channelId == null || messageId == null) {
            return Optional.empty();
        }
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents WHERE platform = ? "
                + "AND channel_id = ? AND message_id = ? ORDER BY id DESC")) {
            p.setMaxRows(1);
            p.setString(1, platform);
            p.setString(2, channelId);
            p.setString(3, messageId);
            return rows(p).stream().findFirst();
        }
    }

    private static List<IncidentRow> rows(PreparedStatement p) throws SQLException {
        List<IncidentRow> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(new IncidentRow(rs.getLong("id"), rs.getString("incident_key"), rs.getString("probe"),
                        rs.getString("subject"), rs.getString("severity"), rs.getString("summary"),
                        rs.getString("diagnosis_id"), rs.getString("repair"), Sql.instant(rs, "opened_ms"),
                        Sql.instant(rs, "last_seen_ms"), Sql.instant(rs, "resolved_ms"), rs.getString("platform"),
                        rs.getString("channel_id"), rs.getString("message_id"),
                        rs.getInt("missed_polls"), rs.getInt("flaps"), Sql.instant(rs, "first_response_ms"),
                        Sql.instant(rs, "approved_ms"), rs.getString("request_id")));
            }
        }
        return out;
    }
}
