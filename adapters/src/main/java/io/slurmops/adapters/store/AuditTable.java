package io.slurmops.adapters.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The append-only audit table: INSERT and SELECT only. */
final class AuditTable {

    private static final String COLUMNS = "id, at_ms, request_id, kind, actor_id, actor_name, platform, channel_id, "
            + "command_line, plan_hash, detail, host_exits, duration_ms, output_sha256";

    private AuditTable() {
    }

    static long append(Connection c, AuditEntry e) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO audit (at_ms, request_id, kind, actor_id, actor_name, "
                + "platform, channel_id, command_line, plan_hash, detail, host_exits, duration_ms, output_sha256) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            p.setLong(1, e.at().toEpochMilli());
            if (e.requestId() > 0) {
                p.setLong(2, e.requestId());
            } else {
                p.setNull(2, Types.BIGINT);
            }
            p.setString(3, e.kind().name());
            p.setString(4, Sql.cut(e.actorId(), 255));
            p.setString(5, Sql.cut(e.actorName(), 255));
            p.setString(6, Sql.cut(e.platform(), 32));
            p.setString(7, Sql.cut(e.channelId(), 255));
            p.setString(8, Sql.cut(e.commandLine(), 2000));
            p.setString(9, e.planHash());
            p.setString(10, Sql.cut(e.detail(), 4000));
            p.setString(11, e.hostExits());
            if (e.durationMs() == null) {
                p.setNull(12, Types.BIGINT);
            } else {
                p.setLong(12, e.durationMs());
            }
            p.setString(13, e.outputSha256());
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        }
    }

    /** The newest {@code limit} rows, oldest first. */
    static List<AuditEntry> recent(Connection c, int limit) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM audit ORDER BY id DESC")) {
            p.setMaxRows(limit);
            List<AuditEntry> rows = rows(p);
            Collections.reverse(rows);
            return rows;
        }
    }

    static List<AuditEntry> ofRequest(Connection c, long requestId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM audit WHERE request_id = ? ORDER BY id")) {
            p.setLong(1, requestId);
            return rows(p);
        }
    }

    private static List<AuditEntry> rows(PreparedStatement p) throws SQLException {
        List<AuditEntry> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                long dur = rs.getLong("duration_ms");
                Long duration = rs.wasNull() ? null : dur;
                out.add(new AuditEntry(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("at_ms")),
                        rs.getLong("request_id"), AuditKind.valueOf(rs.getString("kind")), rs.getString("actor_id"),
                        rs.getString("actor_name"), rs.getString("platform"), rs.getString("channel_id"),
                        rs.getString("command_line"), rs.getString("plan_hash"), rs.getString("detail"),
                        rs.getString("host_exits"), duration, rs.getString("output_sha256")));
            }
        }
        return out;
    }
}
