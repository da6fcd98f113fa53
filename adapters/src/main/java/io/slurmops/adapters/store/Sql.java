package io.slurmops.adapters.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** Small JDBC helpers shared by the table classes. */
final class Sql {

    private Sql() {
    }

    /** A unique/primary key violation: the row is already there. */
    static boolean isDuplicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /** Lock waits and deadlocks: the transaction may simply be run again. */
    static boolean isRetryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String state = s.getSQLState() == null ? "" : s.getSQLState();
                int code = s.getErrorCode();
                // 40xxx: serialization failure/deadlock; H2 50200 lock timeout, 90131 concurrent update;
                // MariaDB 1205 lock wait timeout, 1213 deadlock.
                if (state.startsWith("40") || code == 50200 || code == 90131 || code == 1205 || code == 1213) {
                    return true;
                }
            }
        }
        return false;
    }

    static void setInstant(PreparedStatement p, int i, Instant t) throws SQLException {
        if (t == null) {
            p.setNull(i, Types.BIGINT);
        } else {
            p.setLong(i, t.toEpochMilli());
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    /** Keeps a value within its column, so a long reason can never fail an audit write. */
    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 1) + "…";
    }
}
