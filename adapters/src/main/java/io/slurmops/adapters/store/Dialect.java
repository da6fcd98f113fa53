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

    /** Replaces the dialect placeholders of a migration. */
    String render(String sql) {
        return sql.replace("${clob}", clob);
    }
}
