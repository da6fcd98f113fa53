package io.slurmops.adapters.transport;

import java.io.IOException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Hosts that just failed to connect for lack of a network path (no route, connect or handshake
 * timeout) fail again at once for a short while instead of being dialled again. A health check runs
 * several checks over every node side by side: with thousands of nodes down, each dead host was
 * dialled once per check. A refused connection is not remembered: that is an sshd restarting, and
 * it may be back a moment later.
 */
final class UnreachableHosts {

    private record Failure(IOException error, long untilNanos) {
    }

    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Failure> recent = new ConcurrentHashMap<>();

    UnreachableHosts(Duration ttl) {
        this(ttl, System::nanoTime);
    }

    UnreachableHosts(Duration ttl, LongSupplier nanoClock) {
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Throws the host's recent network failure, if there is one that has not expired yet. */
    void failFast(String host) throws IOException {
        Failure failure = recent.get(host);
        if (failure == null) {
            return;
        }
        if (nanoClock.getAsLong() - failure.untilNanos() < 0) {
            throw failure.error();
        }
        recent.remove(host, failure);
    }

    /** Notes a connection failure; only "no path to the host" kinds are remembered. */
    void failed(String host, Throwable error) {
        if (ttlNanos > 0 && error instanceof IOException io && noPath(io)) {
            recent.put(host, new Failure(io, nanoClock.getAsLong() + ttlNanos));
        }
    }

    void connected(String host) {
        recent.remove(host);
    }

    private static boolean noPath(IOException error) {
        return SshFailures.causedBy(error, NoRouteToHostException.class)
                || SshFailures.causedBy(error, SocketTimeoutException.class);
    }
}
