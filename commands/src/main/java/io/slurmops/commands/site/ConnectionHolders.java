package io.slurmops.commands.site;

import java.util.List;
import java.util.Objects;

/**
 * Who holds the accounting database's connections (runbook slide 9): the server's process list grouped
 * by user, client host and command, with the totals the list is measured against.
 *
 * @param error            why the list could not be read, empty when it was
 * @param threadsConnected {@code Threads_connected}, -1 if unknown
 * @param maxConnections   {@code max_connections}, -1 if unknown
 * @param holders          largest first
 */
public record ConnectionHolders(String error, long threadsConnected, long maxConnections, List<Holder> holders) {

    /** One group of the process list: {@code count} connections of {@code user} from {@code host}. */
    public record Holder(String user, String host, String command, long count) {
    }

    public ConnectionHolders {
        error = error == null ? "" : error;
        holders = List.copyOf(holders);
    }

    public static ConnectionHolders unavailable(String error) {
        return new ConnectionHolders(Objects.requireNonNull(error), -1, -1, List.of());
    }

    public boolean read() {
        return error.isEmpty();
    }

    /** Connections in the list; fewer than Threads_connected when the account lacks the PROCESS privilege. */
    public long listed() {
        return holders.stream().mapToLong(Holder::count).sum();
    }
}
