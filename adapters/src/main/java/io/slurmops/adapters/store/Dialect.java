package io.slurmops.adapters.store;

import java.util.Locale;

/** The two supported databases. The schema is the same; only a few type words differ. */
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
     * Replaces the dialect placeholders of a migration: {@code ${clob}}, and {@code ${on TABLE}} after
     * DROP INDEX (H2 names indexes per schema; MariaDB per table and wants {@code ON TABLE}).
     */
    String render(String sql) {
        return ON_TABLE.matcher(sql.replace("${clob}", clob)).replaceAll(this == MARIADB ? "ON $1" : "");
    }

    private static final java.util.regex.Pattern ON_TABLE = java.util.regex.Pattern.compile("\\$\\{on ([a-z_]+)}");
}
