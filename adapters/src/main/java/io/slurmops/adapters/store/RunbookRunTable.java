package io.slurmops.adapters.store;

import io.slurmops.commands.runbook.run.RunJournal;
import io.slurmops.commands.runbook.run.RunState;
import io.slurmops.commands.runbook.run.StepStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runbook runs, their steps and their values (tables runbook_runs, runbook_steps, runbook_values; V5). */
final class RunbookRunTable {

    private RunbookRunTable() {
    }

    static long insert(Connection c, String runbook, String planHash, Map<String, String> planValues, Instant now)
            throws SQLException {
        long id;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO runbook_runs (runbook, plan_hash, state, note, created_ms,"
                + " updated_ms) VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, Sql.cut(runbook, 128));
            p.setString(2, planHash);
            p.setString(3, RunState.RUNNING.name());
            p.setString(4, "created");
            p.setLong(5, now.toEpochMilli());
            p.setLong(6, now.toEpochMilli());
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        for (Map.Entry<String, String> e : planValues.entrySet()) {
            setValue(c, id, e.getKey(), e.getValue());
        }
        return id;
    }

    static void setState(Connection c, long run, RunState state, String note, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE runbook_runs SET state = ?, note = ?, updated_ms = ? WHERE id = ?")) {
            p.setString(1, state.name());
            p.setString(2, note);
            p.setLong(3, now.toEpochMilli());
            p.setLong(4, run);
            if (p.executeUpdate() != 1) {
                throw new SQLException("no runbook run " + run);
            }
        }
    }

    /** Sets a value, replacing an earlier one of the same name (a run adds nodes it set down as it goes). */
    static void setValue(Connection c, long run, String name, String value) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM runbook_values WHERE run_id = ? AND name = ?")) {
            p.setLong(1, run);
            p.setString(2, name);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO runbook_values (run_id, name, val) VALUES (?, ?, ?)")) {
            p.setLong(1, run);
            p.setString(2, name);
            p.setString(3, value);
            p.executeUpdate();
        }
    }

    /** Records a step STARTED (replacing an earlier record of the same step when a person re-runs it). */
    static void stepStarted(Connection c, long run, int index, String stepId, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM runbook_steps WHERE run_id = ? AND idx = ?")) {
            p.setLong(1, run);
            p.setInt(2, index);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO runbook_steps (run_id, idx, step_id, status, output,"
                + " started_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, run);
            p.setInt(2, index);
            p.setString(3, Sql.cut(stepId, 128));
            p.setString(4, StepStatus.STARTED.name());
            p.setString(5, "");
            p.setLong(6, now.toEpochMilli());
            p.executeUpdate();
        }
    }

    static void stepEnded(Connection c, long run, int index, StepStatus status, String output, Duration elapsed)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE runbook_steps SET status = ?, output = ?, elapsed_ms = ?"
                + " WHERE run_id = ? AND idx = ?")) {
            p.setString(1, status.name());
            p.setString(2, output);
            p.setLong(3, elapsed.toMillis());
            p.setLong(4, run);
            p.setInt(5, index);
            if (p.executeUpdate() != 1) {
                throw new SQLException("step " + index + " of run " + run + " was never started");
            }
        }
    }

    static Optional<RunJournal.RunRecord> byId(Connection c, long run) throws SQLException {
        String runbook;
        String hash;
        RunState state;
        String note;
        try (PreparedStatement p = c.prepareStatement("SELECT runbook, plan_hash, state, note FROM runbook_runs WHERE id = ?")) {
            p.setLong(1, run);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                runbook = rs.getString(1);
                hash = rs.getString(2);
                state = RunState.valueOf(rs.getString(3));
                note = rs.getString(4);
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT name, val FROM runbook_values WHERE run_id = ? ORDER BY name")) {
            p.setLong(1, run);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    values.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        List<RunJournal.StepRecord> steps = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT idx, step_id, status, output, started_ms, elapsed_ms"
                + " FROM runbook_steps WHERE run_id = ? ORDER BY idx")) {
            p.setLong(1, run);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    long elapsed = rs.getLong(6);
                    Optional<Duration> ended = rs.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(elapsed));
                    steps.add(new RunJournal.StepRecord(rs.getInt(1), rs.getString(2), StepStatus.valueOf(rs.getString(3)),
                            rs.getString(4) == null ? "" : rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)), ended));
                }
            }
        }
        return Optional.of(new RunJournal.RunRecord(run, runbook, hash, state, note == null ? "" : note, values, steps));
    }

    /** The newest {@code limit} runs' ids, newest first, whatever their state. */
    static List<Long> recent(Connection c, int limit) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM runbook_runs ORDER BY id DESC")) {
            p.setMaxRows(limit);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    static List<Long> unfinished(Connection c) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM runbook_runs WHERE state NOT IN (?, ?) ORDER BY id")) {
            p.setString(1, RunState.DONE.name());
            p.setString(2, RunState.ABORTED.name());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }
}
