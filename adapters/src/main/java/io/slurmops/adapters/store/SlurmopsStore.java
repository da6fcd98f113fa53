package io.slurmops.adapters.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
 * several instances. Opening it applies pending migrations (Flyway, see {@link Migrations}). Work
 * happens in short transactions ({@link #transaction}) on connections from a pool (HikariCP), retried
 * on lock timeouts and deadlocks. While the database is unreachable a transaction fails within
 * {@link #CONNECT_TIMEOUT_MS} instead of waiting: callers tell people to try again.
 */
public final class SlurmopsStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlurmopsStore.class);
    private static final int ATTEMPTS = 6;
    /** How long a transaction waits for a connection (the database may be restarting) before failing. */
    static final long CONNECT_TIMEOUT_MS = 3000;
    private static final int POOL_SIZE = 8;

    /** The body of a transaction; it may run more than once, so it must not have effects outside the store. */
    @FunctionalInterface
    public interface Work<T> {
        T run(StoreTx tx) throws SQLException;
    }

    private final String url;
    private final Dialect dialect;
    private final HikariDataSource pool;
    /**
     * Held open outside the pool so an embedded H2 database stays open between transactions (reopening
     * a file is slow, and the pool may retire all its connections at once); null for MariaDB.
     */
    private final Connection keeper;
    private volatile StoreObserver observer = StoreObserver.NONE;

    private SlurmopsStore(String url, Dialect dialect, HikariDataSource pool, Connection keeper) {
        this.url = url;
        this.dialect = dialect;
        this.pool = pool;
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
        Connection keeper = null;
        HikariDataSource pool = null;
        try {
            keeper = dialect == Dialect.H2 ? DriverManager.getConnection(full, credentials) : null;
            pool = pool(full, credentials, dialect);
            SlurmopsStore store = new SlurmopsStore(full, dialect, pool, keeper);
            file.ifPresent(StoreFiles::restrict);
            List<String> applied = store.migrate();
            if (!applied.isEmpty()) {
                LOG.info("store {}: applied schema versions {}", redacted(url), applied);
            }
            return store;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(pool, keeper);
            throw new StoreException("cannot open the store " + redacted(url) + ": " + e.getMessage(), e);
        }
    }

    private static HikariDataSource pool(String url, Properties credentials, Dialect dialect) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("slurmops-store");
        c.setJdbcUrl(url);
        c.setUsername(credentials.getProperty("user"));
        c.setPassword(credentials.getProperty("password"));
        c.setMaximumPoolSize(POOL_SIZE);
        c.setMinimumIdle(1);
        c.setConnectionTimeout(CONNECT_TIMEOUT_MS);
        if (dialect == Dialect.MARIADB) {
            // Leases are timed by UNIX_TIMESTAMP(NOW(3)): in UTC it never jumps back at a DST change.
            c.setConnectionInitSql("SET time_zone = '+00:00'");
        }
        // A database that is down at start-up fails the start at once, with the driver's reason.
        c.setInitializationFailTimeout(1);
        return new HikariDataSource(c);
    }

    private static void closeQuietly(HikariDataSource pool, Connection keeper) {
        if (pool != null) {
            pool.close();
        }
        if (keeper != null) {
            try {
                keeper.close();
            } catch (SQLException ignored) {
                // already failing
            }
        }
    }

    private List<String> migrate() throws SQLException {
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return Migrations.migrate(pool, dialect);
            } catch (org.flywaydb.core.api.FlywayException e) {
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
                    StoreTx tx = new StoreTx(c, dialect);
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
        return pool.getConnection();
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
        pool.close();
        if (keeper != null) {
            try {
                keeper.close();
            } catch (SQLException e) {
                LOG.debug("closing the store: {}", e.getMessage());
            }
        }
        // Files H2 made while running (a .trace.db after an error) get the owner-only mode too.
        StoreFiles.h2File(url).ifPresent(StoreFiles::restrict);
    }
}
