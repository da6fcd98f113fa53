package io.slurmops.adapters.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/** The chat_events table: deliveries already handled, since chat platforms redeliver. */
final class DeliveryTable {

    private DeliveryTable() {
    }

    /** Records a delivery; false when it was seen before (a redelivery). */
    static boolean first(Connection c, String platform, String eventId, Instant at) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO chat_events (platform, event_id, at_ms) VALUES (?, ?, ?)")) {
            p.setString(1, platform);
            p.setString(2, Sql.cut(eventId, 255));
            p.setLong(3, at.toEpochMilli());
            p.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (Sql.isDuplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    static int forgetBefore(Connection c, Instant before) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM chat_events WHERE at_ms < ?")) {
            p.setLong(1, before.toEpochMilli());
            return p.executeUpdate();
        }
    }
}
