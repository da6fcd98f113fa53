package io.slurmops.adapters.store;

import io.slurmops.commands.runbook.run.RunState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Who executes a runbook run and whether it is still alive (runbook_runs.owner and heartbeat_ms, V9),
 * on the database's clock like the leases. Every change of hands is a conditional update, so across
 * instances an orphaned run is paused once and a paused run is resumed once.
 */
final class RunOwnerTable {

    private RunOwnerTable() {
    }

    /** This instance executes {@code run} now (it created, resumed or passed a gate of it). */
    static void own(Connection c, Dialect d, long run, String owner) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE runbook_runs SET owner = ?, heartbeat_ms = " + d.nowMs()
                + " WHERE id = ?")) {
            p.setString(1, Sql.cut(owner, 255));
            p.setLong(2, run);
            p.executeUpdate();
        }
    }

    /** Refreshes the heartbeat of every RUNNING run this owner executes; returns how many. */
    static int heartbeat(Connection c, Dialect d, String owner) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE runbook_runs SET heartbeat_ms = " + d.nowMs()
                + " WHERE owner = ? AND state = ?")) {
            p.setString(1, Sql.cut(owner, 255));
            p.setString(2, RunState.RUNNING.name());
            return p.executeUpdate();
        }
    }

    /**
     * Pauses {@code run} if it is RUNNING and orphaned: no owner recorded, or another owner whose heartbeat
     * is older than {@code stale} (zero: any other owner, i.e. every run found RUNNING at a start).
     * True for the one caller whose update changed it.
     */
    static boolean pauseIfOrphaned(Connection c, Dialect d, long run, String me, Duration stale, String note, long nowMs)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE runbook_runs SET state = ?, note = ?, updated_ms = ?"
                + " WHERE id = ? AND state = ? AND (owner IS NULL OR (owner <> ? AND (heartbeat_ms IS NULL OR heartbeat_ms < "
                + d.nowMs() + " - ?)))")) {
            p.setString(1, RunState.PAUSED.name());
            p.setString(2, note);
            p.setLong(3, nowMs);
            p.setLong(4, run);
            p.setString(5, RunState.RUNNING.name());
            p.setString(6, Sql.cut(me, 255));
            p.setLong(7, stale.toMillis());
            return p.executeUpdate() == 1;
        }
    }

    /** Takes a run still in state {@code from} (FAILED or PAUSED) for resuming; false when another took it first. */
    static boolean claimResume(Connection c, Dialect d, long run, RunState from, String owner, long nowMs)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE runbook_runs SET state = ?, note = ?, updated_ms = ?, owner = ?,"
                + " heartbeat_ms = " + d.nowMs() + " WHERE id = ? AND state = ?")) {
            p.setString(1, RunState.RUNNING.name());
            p.setString(2, "resuming");
            p.setLong(3, nowMs);
            p.setString(4, Sql.cut(owner, 255));
            p.setLong(5, run);
            p.setString(6, from.name());
            return p.executeUpdate() == 1;
        }
    }
}
