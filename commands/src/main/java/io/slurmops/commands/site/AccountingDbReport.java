package io.slurmops.commands.site;

import java.util.List;
import java.util.Objects;

/**
 * What {@link AccountingDbProbe} saw.
 *
 * @param error            the driver's message when the database was not reachable (or a query failed)
 * @param threadsConnected {@code SHOW GLOBAL STATUS LIKE 'Threads_connected'}, -1 if unknown
 * @param maxConnections   {@code SHOW VARIABLES LIKE 'max_connections'}, -1 if unknown
 * @param tables           {@code CHECK TABLE} of the cluster's job and step tables
 */
public record AccountingDbReport(boolean reachable, String error, long threadsConnected, long maxConnections,
                                 List<TableStatus> tables) {

    /** One row of CHECK TABLE that decides: {@code Msg_type} status/error and its text. */
    public record TableStatus(String table, String msgType, String msgText) {
        public boolean ok() {
            return "status".equalsIgnoreCase(msgType) && "OK".equalsIgnoreCase(msgText);
        }
    }

    public AccountingDbReport {
        error = error == null ? "" : error;
        tables = List.copyOf(tables);
    }

    public static AccountingDbReport unreachable(String error) {
        return new AccountingDbReport(false, Objects.requireNonNull(error), -1, -1, List.of());
    }

    /** Share of max_connections in use, 0..100, or -1 when unknown. */
    public int connectionPercent() {
        if (threadsConnected < 0 || maxConnections <= 0) {
            return -1;
        }
        return (int) Math.round(100.0 * threadsConnected / maxConnections);
    }
}
