package io.slurmops.adapters.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/** A named lease: renewed by its holder, taken over by anyone once it has expired. */
final class LeaseTable {

    private LeaseTable() {
    }

    /** True when {@code holder} holds the lease until {@code now + ttl} after this call. */
    static boolean acquire(Connection c, String name, String holder, Instant now, Duration ttl) throws SQLException {
        long until = now.plus(ttl).toEpochMilli();
        try (PreparedStatement p = c.prepareStatement("UPDATE leases SET holder = ?, expires_ms = ? "
                + "WHERE name = ? AND (holder = ? OR expires_ms < ?)")) {
            p.setString(1, holder);
            p.setLong(2, until);
            p.setString(3, name);
            p.setString(4, holder);
            p.setLong(5, now.toEpochMilli());
            if (p.executeUpdate() == 1) {
                return true;
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO leases (name, holder, expires_ms) VALUES (?, ?, ?)")) {
            p.setString(1, name);
            p.setString(2, holder);
            p.setLong(3, until);
            p.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Sql.isDuplicate(e)) {
                return false; // someone else holds it and it has not expired
            }
            throw e;
        }
    }

    static void release(Connection c, String name, String holder) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM leases WHERE name = ? AND holder = ?")) {
            p.setString(1, name);
            p.setString(2, holder);
            p.executeUpdate();
        }
    }
}
