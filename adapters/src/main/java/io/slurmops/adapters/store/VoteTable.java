package io.slurmops.adapters.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The votes table: one row per person per request, enforced by its primary key. */
final class VoteTable {

    private VoteTable() {
    }

    /** False when this person already voted on this request. */
    static boolean insert(Connection c, VoteRecord v) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO votes (request_id, voter_id, voter_name, decision, "
                + "comment, via, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, v.requestId());
            p.setString(2, v.voterId());
            p.setString(3, v.voterName());
            p.setString(4, v.decision().name());
            p.setString(5, Sql.cut(v.comment(), 1000));
            p.setString(6, v.via());
            p.setLong(7, v.at().toEpochMilli());
            p.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Sql.isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Takes back one person's vote (an un-vote); false when there was none. */
    static boolean delete(Connection c, long requestId, String voterId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM votes WHERE request_id = ? AND voter_id = ?")) {
            p.setLong(1, requestId);
            p.setString(2, voterId);
            return p.executeUpdate() > 0;
        }
    }

    static List<VoteRecord> of(Connection c, long requestId) throws SQLException {
        List<VoteRecord> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT request_id, voter_id, voter_name, decision, comment, via, "
                + "at_ms FROM votes WHERE request_id = ? ORDER BY at_ms, voter_id")) {
            p.setLong(1, requestId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new VoteRecord(rs.getLong(1), rs.getString(2), rs.getString(3),
                            Decision.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                            Instant.ofEpochMilli(rs.getLong(7))));
                }
            }
        }
        return out;
    }
}
