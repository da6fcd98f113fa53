package io.slurmops.adapters.transport;

import io.slurmops.adapters.transport.SshClientPool.PooledClient;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.exec.HumanDuration;
import io.slurmops.commands.exec.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;

/**
 * Runs commands over SSH with sshj: one pooled connection per host, one session (channel) per
 * command, the argv quoted for the remote POSIX shell.
 *
 * <p>Per command: wait for a free session slot of the host (at most the command timeout), lease the
 * host's connection (connecting if needed, within the connect timeout), open a session, then run
 * with the command timeout. A pooled connection found broken before the command started is
 * replaced and the command tried once more, and a refused channel is asked for again after a pause;
 * once the exec request is sent the command is never repeated.
 *
 * <p>Thread-safe. {@link #close()} closes every pooled connection.
 */
public final class SshTransport implements Transport {

    /** Channel-open refusals tolerated per command; the pauses add up to about 1.2 s. */
    private static final int MAX_CHANNEL_REFUSALS = 6;
    /** Keepalives without a reply before a connection is declared dead (sshj's own default). */
    private static final int KEEPALIVES_UNANSWERED = 5;

    private final SshSettings settings;
    private final SshClientPool pool;
    private final ConcurrentMap<String, HostSlots> slots = new ConcurrentHashMap<>();
    private final StreamPumps pumps = new StreamPumps("ssh-pump-");
    private final SharedKeepAlive keepAlive;
    private volatile boolean closed;

    /** @throws IllegalArgumentException when the key or the known_hosts file cannot be used */
    public SshTransport(SshSettings settings) {
        this(settings, new SharedKeepAlive(settings.keepAliveInterval(), KEEPALIVES_UNANSWERED));
    }

    private SshTransport(SshSettings settings, SharedKeepAlive keepAlive) {
        this(settings, new SshConnector(settings, keepAlive)::open, keepAlive);
    }

    /** With another way to open connections: for tests of the pooling and retry logic. */
    SshTransport(SshSettings settings, SshClientPool.Opener opener) {
        this(settings, opener, new SharedKeepAlive(Duration.ZERO, KEEPALIVES_UNANSWERED));
    }

    private SshTransport(SshSettings settings, SshClientPool.Opener opener, SharedKeepAlive keepAlive) {
        this.settings = settings;
        this.keepAlive = keepAlive;
        this.pool = new SshClientPool(opener, settings.idleExpiry(), settings.maxPooledConnections());
    }

    public SshSettings settings() {
        return settings;
    }

    /** A command for {@code host} with the configured default timeout. */
    public HostCommand command(String host, List<String> argv) {
        return new HostCommand(host, argv, settings.defaultCommandTimeout());
    }

    @Override
    public ExecResult exec(HostCommand command) {
        long startNanos = System.nanoTime();
        String remoteCommand;
        try {
            remoteCommand = PosixShellQuoting.quote(command.argv());
        } catch (IllegalArgumentException e) {
            return failed(command, FailureKind.ERROR, "cannot pass argv to a shell: " + e.getMessage(), startNanos);
        }
        if (closed) {
            return failed(command, FailureKind.ERROR, "SSH transport is closed", startNanos);
        }
        HostSlots hostSlots = slots.computeIfAbsent(command.host(), h -> new HostSlots(settings.maxSessionsPerHost()));
        try {
            if (!hostSlots.tryAcquire(command.timeout())) {
                return failed(command, FailureKind.TIMEOUT, "no free SSH session to " + command.host() + " within "
                        + HumanDuration.format(command.timeout()) + " (limit " + settings.maxSessionsPerHost() + ")",
                        startNanos);
            }
            try {
                return execOnPooledConnection(command, remoteCommand, startNanos);
            } finally {
                hostSlots.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(command, FailureKind.ERROR, "cancelled", startNanos);
        } catch (IOException | RuntimeException e) {
            SshFailures.Failure failure = SshFailures.classify(e, settings.endpointFor(command.host()),
                    settings.user(), settings.connectTimeout());
            return failed(command, failure.kind(), failure.detail(), startNanos);
        }
    }

    /** Connections opened so far, reconnections included: pooling shows as fewer than commands. */
    public long connectionsOpened() {
        return pool.connectionsOpened();
    }

    /** Hosts that currently have a pooled connection. */
    public long pooledConnections() {
        return pool.size();
    }

    /** The most sessions that were ever open at once to {@code host}. */
    public int peakSessions(String host) {
        HostSlots hostSlots = slots.get(host);
        return hostSlots == null ? 0 : hostSlots.peak();
    }

    @Override
    public void close() {
        closed = true;
        keepAlive.close();
        pool.close();
        pumps.close();
    }

    /**
     * Two kinds of retry, both only before anything ran: a pooled connection found broken is
     * replaced once; a channel the server refuses is asked for again after a short pause, because
     * OpenSSH counts against MaxSessions the sessions whose close it has not processed yet, so a
     * burst of commands finishing and starting on one connection can briefly overshoot it.
     */
    private ExecResult execOnPooledConnection(HostCommand command, String remoteCommand, long startNanos)
            throws IOException, InterruptedException {
        int reconnects = 0;
        int refusals = 0;
        while (true) {
            PooledClient pooled = pool.lease(command.host());
            try {
                Session session;
                try {
                    session = openSession(pooled);
                } catch (OpenFailException e) {
                    if (++refusals > MAX_CHANNEL_REFUSALS) {
                        throw e;
                    }
                    Thread.sleep(Math.min(400, 25L << (refusals - 1)));
                    continue;
                } catch (ConnectionException | TransportException e) {
                    pool.discard(command.host(), pooled);
                    if (++reconnects > 1) {
                        throw e;
                    }
                    continue;
                }
                try {
                    return RemoteExecution.run(session, command, remoteCommand, settings.maxOutputBytes(), pumps,
                            startNanos);
                } finally {
                    closeQuietly(session);
                }
            } finally {
                pooled.release();
            }
        }
    }

    private static Session openSession(PooledClient pooled) throws ConnectionException, TransportException {
        if (!pooled.isUsable()) {
            throw new TransportException("pooled connection is no longer connected");
        }
        return pooled.client().startSession();
    }

    private static void closeQuietly(Session session) {
        try {
            session.close();
        } catch (IOException | RuntimeException e) {
            // The result is already known; a failed close only means the connection is going away.
        }
    }

    private static ExecResult failed(HostCommand command, FailureKind kind, String detail, long startNanos) {
        return ExecResult.failed(command, kind, detail, "", "", Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
