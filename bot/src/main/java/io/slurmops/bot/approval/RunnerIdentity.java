package io.slurmops.bot.approval;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Who runs an execution ("host:pid"), and whether a recorded runner is gone. A runner on this host
 * is gone when its process is; a runner elsewhere, when its heartbeat is older than the grace time.
 */
final class RunnerIdentity {

    /** Heartbeats are written every 5 s; a runner silent this long is presumed dead. */
    static final Duration GRACE = Duration.ofSeconds(45);

    private final String host;
    private final long pid;

    RunnerIdentity(String host, long pid) {
        this.host = host;
        this.pid = pid;
    }

    static RunnerIdentity current() {
        return new RunnerIdentity(localHost(), ProcessHandle.current().pid());
    }

    String id() {
        return host + ":" + pid;
    }

    /** True when the recorded runner cannot still be running the request. */
    boolean isGone(String runner, Instant heartbeat, Instant now) {
        if (runner != null) {
            int colon = runner.lastIndexOf(':');
            if (colon > 0 && runner.substring(0, colon).equals(host)) {
                try {
                    long other = Long.parseLong(runner.substring(colon + 1));
                    if (other == pid) {
                        return false;
                    }
                    Optional<ProcessHandle> p = ProcessHandle.of(other);
                    return p.isEmpty() || !p.get().isAlive();
                } catch (NumberFormatException ignored) {
                    // fall through to the heartbeat
                }
            }
        }
        return heartbeat == null || Duration.between(heartbeat, now).compareTo(GRACE) > 0;
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }
}
