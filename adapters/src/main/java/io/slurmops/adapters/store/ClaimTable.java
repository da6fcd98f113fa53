package io.slurmops.adapters.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The claims table: one row per piece of work that must happen once across instances. The insert
 * that wins is the claim. A claim never finished may be taken again under a newer lease token (its
 * holder died between claiming and acting) or by its own holder under the same token (a retry after
 * the act failed); a finished one, or one taken without a lease (token 0), never.
 */
final class ClaimTable {

    private ClaimTable() {
    }

    static boolean claim(Connection c, Dialect d, String name, String holder, long token) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO claims (name, holder, token, claimed_ms) VALUES (?, ?, ?, "
                + d.nowMs() + ")")) {
            p.setString(1, Sql.cut(name, 255));
            p.setString(2, Sql.cut(holder, 255));
            p.setLong(3, token);
            p.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (!Sql.isDuplicate(e)) {
                throw e;
            }
        }
        if (token <= 0) {
            return false;
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE claims SET holder = ?, token = ?, claimed_ms = " + d.nowMs()
                + " WHERE name = ? AND done_ms IS NULL AND token > 0 AND (token < ? OR (token = ? AND holder = ?))")) {
            p.setString(1, Sql.cut(holder, 255));
            p.setLong(2, token);
            p.setString(3, Sql.cut(name, 255));
            p.setLong(4, token);
            p.setLong(5, token);
            p.setString(6, Sql.cut(holder, 255));
            return p.executeUpdate() == 1;
        }
    }

    static void done(Connection c, Dialect d, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE claims SET done_ms = " + d.nowMs() + " WHERE name = ?")) {
            p.setString(1, Sql.cut(name, 255));
            p.executeUpdate();
        }
    }
}
