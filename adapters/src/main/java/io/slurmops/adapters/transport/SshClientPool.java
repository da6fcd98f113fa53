package io.slurmops.adapters.transport;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.schmizz.sshj.SSHClient;

/**
 * One authenticated {@link SSHClient} per host, shared by every command to that host (each command
 * is a channel on it). Idle connections expire and are closed; a connection in use is closed only
 * when its last user lets go.
 *
 * <p>Connecting happens outside the cache, on the first caller's thread: concurrent callers for the
 * same host wait for that one attempt (and share its failure), while callers for other hosts are
 * never blocked by it, as they could be by a slow handshake inside the cache's compute.
 */
final class SshClientPool implements AutoCloseable {

    /** Opens a connected, authenticated client; the pool owns it from then on. */
    @FunctionalInterface
    interface Opener {
        SSHClient open(String host) throws IOException;
    }

    private static final int CLOSE_THREADS = 16;
    /**
     * How long a host without a network path fails at once (see {@link UnreachableHosts}): off by
     * default. The pool cannot tell a health sweep's read from an operator's retry, and a runbook
     * resumed right after the link was fixed got the stale "timed out" (RunbookFailureLabTest); the
     * single-flight dial below already shares one attempt among concurrent checks of a host.
     */
    static final Duration UNREACHABLE_FOR = Duration.ZERO;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private final Opener opener;
    private final Cache<String, PooledClient> clients;
    private final ConcurrentMap<String, CompletableFuture<PooledClient>> connecting = new ConcurrentHashMap<>();
    private final AtomicLong opened = new AtomicLong();
    private final UnreachableHosts unreachable;
    private volatile boolean closed;

    SshClientPool(Opener opener, Duration idleExpiry) {
        this(opener, idleExpiry, SshSettings.DEFAULT_MAX_POOLED_CONNECTIONS);
    }

    /** @param maxConnections beyond it the least recently used connection is retired (closed once idle) */
    SshClientPool(Opener opener, Duration idleExpiry, int maxConnections) {
        this(opener, idleExpiry, maxConnections, new UnreachableHosts(UNREACHABLE_FOR));
    }

    SshClientPool(Opener opener, Duration idleExpiry, int maxConnections, UnreachableHosts unreachable) {
        this.opener = opener;
        this.unreachable = unreachable;
        this.clients = Caffeine.newBuilder()
                .expireAfterAccess(idleExpiry)
                .maximumSize(maxConnections)
                .scheduler(Scheduler.systemScheduler()) // expire idle connections even when nothing else happens
                .executor(Runnable::run)
                .removalListener((String host, PooledClient client, RemovalCause cause) -> {
                    if (client != null) {
                        client.retire();
                    }
                })
                .build();
    }

    /**
     * Returns the host's pooled client, connecting first if there is none, leased until
     * {@link PooledClient#release()}. Connection failures are thrown as sshj/socket exceptions.
     */
    PooledClient lease(String host) throws IOException, InterruptedException {
        while (true) {
            ensureOpen();
            PooledClient pooled = clients.getIfPresent(host);
            if (pooled == null) {
                pooled = connectOrJoin(host);
            }
            if (pooled.tryLease()) {
                return pooled;
            }
            // Retired (expired or discarded) but not yet unmapped: drop it and look again.
            clients.asMap().remove(host, pooled);
        }
    }

    /** Throws a broken client out of the pool; it closes when its last lease is released. */
    void discard(String host, PooledClient client) {
        clients.asMap().remove(host, client);
        client.retire();
    }

    /** How many connections this pool has opened, reconnections included. */
    long connectionsOpened() {
        return opened.get();
    }

    /** Hosts with a pooled client. */
    long size() {
        clients.cleanUp();
        return clients.estimatedSize();
    }

    @Override
    public void close() {
        closed = true;
        retireAll(List.copyOf(clients.asMap().values()));
        clients.invalidateAll();
        clients.cleanUp();
    }

    /**
     * Each close is a disconnect message, a socket close and the end of the client's reader thread:
     * a thousand of them one after the other took about 3 s, so a few threads share them. Waits for
     * them at most {@link #CLOSE_WAIT}; a close still hanging then finishes in the background.
     */
    private static void retireAll(List<PooledClient> all) {
        if (all.size() < 2) {
            all.forEach(PooledClient::retire);
            return;
        }
        AtomicInteger ids = new AtomicInteger();
        ExecutorService closers = Executors.newFixedThreadPool(Math.min(CLOSE_THREADS, all.size()), r -> {
            Thread t = new Thread(r, "ssh-close-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        all.forEach(client -> closers.execute(client::retire));
        closers.shutdown();
        try {
            closers.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private PooledClient connectOrJoin(String host) throws IOException, InterruptedException {
        CompletableFuture<PooledClient> mine = new CompletableFuture<>();
        CompletableFuture<PooledClient> running = connecting.putIfAbsent(host, mine);
        if (running != null) {
            return await(running);
        }
        try {
            // Someone may have finished connecting between our cache miss and our claim.
            PooledClient pooled = clients.getIfPresent(host);
            if (pooled == null) {
                unreachable.failFast(host);
                pooled = new PooledClient(openNoting(host));
                opened.incrementAndGet();
                clients.put(host, pooled);
                if (closed) {
                    pooled.retire(); // lost a race with close(): leave no connection behind
                }
            }
            mine.complete(pooled);
            return pooled;
        } catch (Throwable t) {
            mine.completeExceptionally(t);
            throw t;
        } finally {
            connecting.remove(host, mine);
        }
    }

    /** Opens a connection, noting a host that has no network path (its failure is then reused). */
    private SSHClient openNoting(String host) throws IOException {
        try {
            SSHClient client = opener.open(host);
            unreachable.connected(host);
            return client;
        } catch (IOException | RuntimeException e) {
            unreachable.failed(host, e);
            throw e;
        }
    }

    private static PooledClient await(CompletableFuture<PooledClient> attempt) throws IOException, InterruptedException {
        try {
            return attempt.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IOException(cause);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("SSH transport is closed");
        }
    }

    /** A pooled client with a lease count, so that expiry never closes it under a running command. */
    static final class PooledClient {
        private final SSHClient client;
        private int leases;
        private boolean retired;
        private boolean closed;

        PooledClient(SSHClient client) {
            this.client = client;
        }

        SSHClient client() {
            return client;
        }

        /** Whether the transport is still up; a dead peer shows up here once sshj has noticed it. */
        boolean isUsable() {
            return client.isConnected() && client.isAuthenticated();
        }

        synchronized boolean tryLease() {
            if (retired) {
                return false;
            }
            leases++;
            return true;
        }

        void release() {
            boolean closeNow;
            synchronized (this) {
                leases--;
                closeNow = retired && leases == 0 && !closed;
                closed |= closeNow;
            }
            if (closeNow) {
                SshConnector.closeQuietly(client);
            }
        }

        /** No new leases from now on; closes at once when nobody holds one. Idempotent. */
        void retire() {
            boolean closeNow;
            synchronized (this) {
                retired = true;
                closeNow = leases == 0 && !closed;
                closed |= closeNow;
            }
            if (closeNow) {
                SshConnector.closeQuietly(client);
            }
        }
    }
}
