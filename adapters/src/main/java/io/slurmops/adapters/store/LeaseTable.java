package io.slurmops.adapters.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Named leases on the database's clock: renewed by their holder, taken over by anyone once expired.
 * Each grant to a new holder increments the lease's fencing token; a renewal keeps it. A release only
 * expires the lease (the row and its token stay, so the next grant still gets a larger token).
 */
final class LeaseTable {

    private LeaseTable() {
    }

    /** Grants or renews {@code name} to {@code holder} for {@code ttl} from the database's now; empty while another holds it. */
    static Optional<Lease> acquire(Connection c, Dialect d, String name, String holder, Duration ttl)
            throws SQLException {
        String until = d.nowMs() + " + " + ttl.toMillis();
        try (PreparedStatement p = c.prepareStatement("UPDATE leases SET expires_ms = " + until
                + " WHERE name = ? AND holder = ?")) {
            p.setString(1, name);
            p.setString(2, holder);
            if (p.executeUpdate() == 1) {
                return read(c, name);
            }
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE leases SET holder = ?, token = token + 1, expires_ms = "
                + until + " WHERE name = ? AND expires_ms < " + d.nowMs())) {
            p.setString(1, holder);
            p.setString(2, name);
            if (p.executeUpdate() == 1) {
                return read(c, name);
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO leases (name, holder, token, expires_ms) VALUES (?, ?, 1, "
                + until + ")")) {
            p.setString(1, name);
            p.setString(2, holder);
            p.executeUpdate();
            return read(c, name);
        } catch (SQLException e) {
            if (Sql.isDuplicate(e)) {
                return Optional.empty(); // someone else holds it and it has not expired
            }
            throw e;
        }
    }

    /** Refuses (throws) unless {@code token} is still the lease's; locks the lease row until the transaction ends. */
    static void require(Connection c, String name, long token) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT token FROM leases WHERE name = ? FOR UPDATE")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next() || rs.getLong(1) != token) {
                    throw new StaleLeaseException(name, token);
                }
            }
        }
    }

    static Optional<Lease> read(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT holder, token, expires_ms FROM leases WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(new Lease(name, rs.getString(1), rs.getLong(2), rs.getLong(3)))
                        : Optional.empty();
            }
        }
    }

    static void release(Connection c, String name, String holder) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE leases SET expires_ms = 0 WHERE name = ? AND holder = ?")) {
            p.setString(1, name);
            p.setString(2, holder);
            p.executeUpdate();
        }
    }

    static long now(Connection c, Dialect d) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + d.nowMs()); ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
