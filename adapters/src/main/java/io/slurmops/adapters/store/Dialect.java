package io.slurmops.adapters.store;

import java.util.Locale;
import java.util.Map;

/** The two supported databases. The schema is the same; only a few words differ (Flyway placeholders). */
public enum Dialect {
    H2("CLOB"), MARIADB("LONGTEXT");

    private final String clob;

    Dialect(String clob) {
        this.clob = clob;
    }

    public static Dialect of(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        throw new IllegalArgumentException("unsupported store URL `" + url
                + "`; expected jdbc:h2:file:PATH or jdbc:mariadb://HOST/DB");
    }

    /**
     * The database's current time in epoch milliseconds, as an SQL expression: leases and claims are
     * timed by the one clock every instance shares, never by an instance's own.
     */
    String nowMs() {
        return this == MARIADB ? "CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)"
                : "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP(3)) * 1000 AS BIGINT)";
    }

    /**
     * The placeholders migrations may use: {@code ${clob}} (CLOB on H2, LONGTEXT on MariaDB), and
     * {@code ${on TABLE}} after DROP INDEX (H2 names indexes per schema; MariaDB per table and wants
     * {@code ON TABLE}). A new migration that drops an index on another table adds its entry here.
     */
    Map<String, String> placeholders() {
        boolean maria = this == MARIADB;
        return Map.of("clob", clob,
                "on incidents", maria ? "ON incidents" : "",
                "on requests", maria ? "ON requests" : "");
    }
}
