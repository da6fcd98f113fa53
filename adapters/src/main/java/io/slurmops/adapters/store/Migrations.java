package io.slurmops.adapters.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Versioned schema migrations: plain SQL files applied in the order of {@code migrations/index.txt}
 * and recorded in {@code schema_version}. Statements use IF NOT EXISTS, so two processes starting
 * at once on a fresh database both succeed (the second finds the work done).
 */
final class Migrations {

    private static final String DIR = "/io/slurmops/adapters/store/migrations/";

    record Migration(int version, String file) {
    }

    private Migrations() {
    }

    static List<Migration> all() {
        List<Migration> out = new ArrayList<>();
        for (String line : resource("index.txt").split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] parts = t.split("\\s+");
            out.add(new Migration(Integer.parseInt(parts[0]), parts[1]));
        }
        return out;
    }

    /** Applies every migration not yet recorded; returns the versions applied now. */
    static List<Integer> migrate(Connection c, Dialect dialect) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL PRIMARY KEY, "
                    + "name VARCHAR(200) NOT NULL, applied_ms BIGINT NOT NULL)");
        }
        Set<Integer> applied = applied(c);
        int newest = all().stream().mapToInt(Migration::version).max().orElse(0);
        if (applied.stream().anyMatch(v -> v > newest)) {
            throw new StoreException("the store's schema is newer than this slurmops (it knows versions up to "
                    + newest + "); upgrade slurmops");
        }
        List<Integer> now = new ArrayList<>();
        for (Migration m : all()) {
            if (applied.contains(m.version())) {
                continue;
            }
            for (String sql : statements(dialect.render(resource(m.file())))) {
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO schema_version (version, name, applied_ms) VALUES (?, ?, ?)")) {
                p.setInt(1, m.version());
                p.setString(2, m.file());
                p.setLong(3, System.currentTimeMillis());
                p.executeUpdate();
                now.add(m.version());
            } catch (SQLException e) {
                if (!Sql.isDuplicate(e)) {
                    throw e;
                }
            }
        }
        return now;
    }

    static Set<Integer> applied(Connection c) throws SQLException {
        Set<Integer> out = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    /** Splits a file at semicolons that end a line; "--" comment lines are dropped. */
    static List<String> statements(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) {
                continue;
            }
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                String sql = cur.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new StoreException("migration resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration " + name, e);
        }
    }
}
