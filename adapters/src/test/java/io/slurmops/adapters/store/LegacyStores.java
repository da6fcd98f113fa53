package io.slurmops.adapters.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * Writes a store the way slurmops did before Flyway: the migration files applied by our own code and
 * recorded in {@code schema_version}, so tests can check that such a store upgrades in place.
 */
final class LegacyStores {

    /** The files the pre-Flyway index.txt listed, in its order. */
    static final List<String> FILES = List.of("V1__requests_votes_audit_events.sql", "V2__incidents_silences.sql",
            "V3__leases.sql", "V4__message_lookups_by_channel.sql", "V5__runbook_runs.sql");

    private LegacyStores() {
    }

    /** Applies V1..V{@code upTo} to the empty store at {@code target} and records them as the old code did. */
    static void create(TestStores.Target target, int upTo) throws SQLException, IOException {
        Dialect dialect = Dialect.of(target.url());
        try (Connection c = DriverManager.getConnection(StoreUrls.complete(target.url()), target.user(),
                target.password()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, "
                    + "name VARCHAR(200) NOT NULL, applied_ms BIGINT NOT NULL)");
            for (int v = 1; v <= upTo; v++) {
                String file = FILES.get(v - 1);
                for (String sql : statements(render(read(file), dialect.placeholders()))) {
                    s.execute(sql);
                }
                s.execute("INSERT INTO schema_version VALUES (" + v + ", '" + file + "', 0)");
            }
        }
    }

    private static String read(String file) throws IOException {
        try (InputStream in = LegacyStores.class.getResourceAsStream("/io/slurmops/adapters/store/migrations/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String render(String sql, Map<String, String> placeholders) {
        String out = sql;
        for (Map.Entry<String, String> e : placeholders.entrySet()) {
            out = out.replace("${" + e.getKey() + "}", e.getValue());
        }
        return out;
    }

    /** Splits at semicolons that end a line, dropping "--" comment lines (as the old code did). */
    private static List<String> statements(String text) {
        List<String> out = new java.util.ArrayList<>();
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
        return out;
    }
}
