package io.slurmops.adapters.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The audit/approval store over JDBC: an embedded H2 file by default, MariaDB for sites that run
 * several instances. Opening it applies pending migrations. Work happens in short transactions
 * ({@link #transaction}), each on its own connection, retried on lock timeouts and deadlocks.
 */
public final class SlurmopsStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlurmopsStore.class);
    private static final int ATTEMPTS = 6;

    /** The body of a transaction; it may run more than once, so it must not have effects outside the store. */
    @FunctionalInterface
    public interface Work<T> {
        T run(StoreTx tx) throws SQLException;
    }

    private final String url;
    private final Properties credentials;
    private final Dialect dialect;
    /** Held open so an embedded H2 database stays open between transactions (reopening a file is slow). */
    private final Connection keeper;
    private volatile StoreObserver observer = StoreObserver.NONE;

    private SlurmopsStore(String url, Properties credentials, Dialect dialect, Connection keeper) {
        this.url = url;
        this.credentials = credentials;
        this.dialect = dialect;
        this.keeper = keeper;
    }

    /** Connects and migrates. The URL is completed with the settings slurmops needs (see {@link StoreUrls}). */
    public static SlurmopsStore open(String url, String user, String password) {
        Dialect dialect = Dialect.of(url);
        java.util.Optional<java.nio.file.Path> file = StoreFiles.h2File(url);
        file.ifPresent(StoreFiles::prepare);
        String full = StoreUrls.complete(url);
        Properties credentials = new Properties();
        if (user != null && !user.isEmpty()) {
            credentials.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            credentials.setProperty("password", password);
        }
        try {
            Connection keeper = DriverManager.getConnection(full, credentials);
            SlurmopsStore store = new SlurmopsStore(full, credentials, dialect, keeper);
            file.ifPresent(StoreFiles::restrict);
            List<Integer> applied = store.migrate();
            if (!applied.isEmpty()) {
                LOG.info("store {}: applied schema versions {}", redacted(url), applied);
            }
            return store;
        } catch (SQLException e) {
            throw new StoreException("cannot open the store " + redacted(url) + ": " + e.getMessage(), e);
        }
    }

    private List<Integer> migrate() throws SQLException {
        SQLException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (Connection c = connect()) {
                c.setAutoCommit(true);
                return Migrations.migrate(c, dialect);
            } catch (SQLException e) {
                // Another process may be creating the same tables right now; its work is ours too.
                last = e;
                pause(attempt);
            }
        }
        throw last;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in one transaction; commits, or rolls back and rethrows as {@link StoreException}. */
    public <T> T transaction(Work<T> work) {
        long started = System.nanoTime();
        boolean committed = false;
        try {
            T result = attempts(work);
            committed = true;
            return result;
        } finally {
            try {
                observer.transaction(java.time.Duration.ofNanos(System.nanoTime() - started), committed);
            } catch (RuntimeException e) {
                LOG.warn("store observer failed: {}", e.toString());
            }
        }
    }

    /** Who hears about transactions and decided requests (metrics). */
    public void setObserver(StoreObserver observer) {
        this.observer = observer;
    }

    private <T> T attempts(Work<T> work) {
        SQLException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (Connection c = connect()) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                try {
                    StoreTx tx = new StoreTx(c);
                    T result = work.run(tx);
                    c.commit();
                    tx.decided().forEach(this::tellDecided);
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c);
                    throw e;
                }
            } catch (SQLException e) {
                if (!Sql.isRetryable(e)) {
                    throw new StoreException("store operation failed: " + e.getMessage(), e);
                }
                last = e;
                pause(attempt);
            }
        }
        throw new StoreException("store stayed busy after " + ATTEMPTS + " attempts: " + last.getMessage(), last);
    }

    private void tellDecided(RequestState to) {
        try {
            observer.decided(to);
        } catch (RuntimeException e) {
            LOG.warn("store observer failed: {}", e.toString());
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, credentials);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is closed next anyway
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(20L * (1L << attempt) + ThreadLocalRandom.current().nextInt(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The database file of an embedded store URL; empty for MariaDB and in-memory stores. */
    public static java.util.Optional<java.nio.file.Path> fileOf(String url) {
        return StoreFiles.h2File(url);
    }

    /** The URL without anything that could be a secret (MariaDB URLs may carry password=…). */
    public static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    @Override
    public void close() {
        try {
            keeper.close();
        } catch (SQLException e) {
            LOG.debug("closing the store: {}", e.getMessage());
        }
        // Files H2 made while running (a .trace.db after an error) get the owner-only mode too.
        StoreFiles.h2File(url).ifPresent(StoreFiles::restrict);
    }
}
