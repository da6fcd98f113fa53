package io.slurmops.adapters.store;

import java.util.Locale;

/** Completes a configured JDBC URL with the settings slurmops relies on. */
final class StoreUrls {

    private StoreUrls() {
    }

    /**
     * H2 file databases: AUTO_SERVER lets several slurmops processes of one user share the file (the
     * first opens it and serves the others over loopback); WRITE_DELAY=0 writes each commit to the
     * file at once, so an audit row committed before a run survives a kill -9; LOCK_TIMEOUT lets
     * concurrent voters wait for the request row instead of failing.
     */
    static String complete(String url) {
        if (Dialect.of(url) != Dialect.H2) {
            return url;
        }
        String u = url;
        String lower = url.toLowerCase(Locale.ROOT);
        boolean file = !lower.startsWith("jdbc:h2:mem:") && !lower.startsWith("jdbc:h2:tcp:")
                && !lower.startsWith("jdbc:h2:ssl:");
        if (file && !lower.contains("auto_server=")) {
            u += ";AUTO_SERVER=TRUE";
        }
        if (!lower.contains("write_delay=")) {
            u += ";WRITE_DELAY=0";
        }
        if (!lower.contains("lock_timeout=")) {
            u += ";LOCK_TIMEOUT=10000";
        }
        return u;
    }
}
