package io.slurmops.adapters.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The silences table: quiet periods people set for checks or hosts. */
final class SilenceTable {

    private SilenceTable() {
    }

    static SilenceRow add(Connection c, String target, Instant until, String reason, String by, Instant now)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO silences (target, until_ms, reason, created_by, "
                + "created_ms) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, Sql.cut(target, 255));
            p.setLong(2, until.toEpochMilli());
            p.setString(3, Sql.cut(reason, 2000));
            p.setString(4, Sql.cut(by, 255));
            p.setLong(5, now.toEpochMilli());
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                long id = keys.next() ? keys.getLong(1) : 0;
                return new SilenceRow(id, target, until, reason, by, now);
            }
        }
    }

    static List<SilenceRow> active(Connection c, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id, target, until_ms, reason, created_by, created_ms "
                + "FROM silences WHERE until_ms > ? ORDER BY id")) {
            p.setLong(1, now.toEpochMilli());
            List<SilenceRow> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new SilenceRow(rs.getLong("id"), rs.getString("target"), Sql.instant(rs, "until_ms"),
                            rs.getString("reason"), rs.getString("created_by"), Sql.instant(rs, "created_ms")));
                }
            }
            return out;
        }
    }
}
