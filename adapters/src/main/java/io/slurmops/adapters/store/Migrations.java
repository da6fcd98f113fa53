package io.slurmops.adapters.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalInt;

/**
 * Versioned schema migrations by Flyway: the plain SQL files {@code migrations/V<n>__<what>.sql},
 * applied in version order and recorded in {@code flyway_schema_history}. Engine differences are
 * Flyway placeholders ({@link Dialect#placeholders}). Flyway serializes concurrent starts (a named
 * lock on MariaDB, a table lock on H2).
 *
 * <p>Stores written before Flyway recorded their versions in our own {@code schema_version} table:
 * such a store is baselined at its newest recorded version, so Flyway applies only what is later and
 * the rows stay. Migrations out of order are allowed because versions are handed out to parallel
 * work (a store that already has V8 still gets a V6 merged later); each file touches only its own
 * tables, so their order does not matter.
 */
final class Migrations {

    static final String LOCATION = "classpath:io/slurmops/adapters/store/migrations";
    static final String HISTORY = "flyway_schema_history";
    /** The table the pre-Flyway code kept its versions in. */
    static final String LEGACY = "schema_version";

    private Migrations() {
    }

    /** Applies every pending migration; returns the versions applied now. */
    static List<String> migrate(DataSource ds, Dialect dialect) throws SQLException {
        OptionalInt legacy;
        try (Connection c = ds.getConnection()) {
            legacy = has(c, HISTORY) ? OptionalInt.empty() : legacyVersion(c);
        }
        var config = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(ds)
                .locations(LOCATION)
                .table(HISTORY)
                .placeholders(dialect.placeholders())
                .outOfOrder(true)
                .failOnMissingLocations(true);
        if (legacy.isPresent()) {
            config = config.baselineOnMigrate(true).baselineVersion(Integer.toString(legacy.getAsInt()))
                    .baselineDescription("schema_version " + legacy.getAsInt() + " (before Flyway)");
        }
        MigrateResult result = config.load().migrate();
        return result.migrations.stream().map(m -> m.version).toList();
    }

    /** The newest version the pre-Flyway code recorded, if this store was written by it. */
    static OptionalInt legacyVersion(Connection c) throws SQLException {
        if (!has(c, LEGACY)) {
            return OptionalInt.empty();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM " + LEGACY)) {
            int v = rs.next() ? rs.getInt(1) : 0;
            return v > 0 ? OptionalInt.of(v) : OptionalInt.empty();
        }
    }

    /** Whether a table exists in the connection's own schema (names compared without case). */
    static boolean has(Connection c, String table) throws SQLException {
        String schema = c.getSchema();
        String catalog = c.getCatalog();
        try (ResultSet rs = c.getMetaData().getTables(catalog, schema, null, new String[] {"TABLE"})) {
            while (rs.next()) {
                if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                    return true;
                }
            }
        }
        return false;
    }
}
