package io.slurmops.adapters.db;

import io.slurmops.commands.site.AccountingDbProbe;
import io.slurmops.commands.site.AccountingDbReport;
import io.slurmops.commands.site.ConnectionHolders;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The accounting-DB probe over JDBC (MariaDB Connector/J): one short connection per probe, read-only
 * statements only — {@code SHOW GLOBAL STATUS LIKE 'Threads_connected'},
 * {@code SHOW VARIABLES LIKE 'max_connections'} and {@code CHECK TABLE} of the cluster's job and step
 * tables. The probe's own connection is counted in Threads_connected, as in the runbook's query.
 */
public final class JdbcAccountingDbProbe implements AccountingDbProbe {

    private final AccountingDbSettings settings;

    public JdbcAccountingDbProbe(AccountingDbSettings settings) {
        this.settings = settings;
    }

    @Override
    public AccountingDbReport probe() {
        Properties properties;
        try {
            properties = properties();
        } catch (IOException e) {
            return AccountingDbReport.unreachable("cannot read the password file " + settings.passwordFile() + ": "
                    + e.getMessage());
        }
        try (Connection c = DriverManager.getConnection(settings.url(), properties)) {
            c.setReadOnly(true);
            long threads = variable(c, "SHOW GLOBAL STATUS LIKE 'Threads_connected'");
            long max = variable(c, "SHOW VARIABLES LIKE 'max_connections'");
            List<AccountingDbReport.TableStatus> tables = new ArrayList<>();
            String error = "";
            try {
                tables.addAll(checkTables(c));
            } catch (SQLException e) {
                // A missing or crashed table must not hide the connection numbers.
                error = message(e);
            }
            return new AccountingDbReport(true, error, threads, max, tables);
        } catch (SQLException e) {
            return AccountingDbReport.unreachable(message(e));
        } catch (RuntimeException e) {
            return AccountingDbReport.unreachable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Override
    public ConnectionHolders holders() {
        Properties properties;
        try {
            properties = properties();
        } catch (IOException e) {
            return ConnectionHolders.unavailable("cannot read the password file " + settings.passwordFile() + ": "
                    + e.getMessage());
        }
        try (Connection c = DriverManager.getConnection(settings.url(), properties)) {
            c.setReadOnly(true);
            long threads = variable(c, "SHOW GLOBAL STATUS LIKE 'Threads_connected'");
            long max = variable(c, "SHOW VARIABLES LIKE 'max_connections'");
            List<ConnectionHolders.Holder> holders = new ArrayList<>();
            // SHOW PROCESSLIST grouped; the port is cut from HOST so one client host is one row.
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT USER, SUBSTRING_INDEX(HOST, ':', 1) AS CLIENT, COMMAND, COUNT(*) AS N "
                            + "FROM information_schema.PROCESSLIST GROUP BY USER, CLIENT, COMMAND ORDER BY N DESC")) {
                while (r.next()) {
                    holders.add(new ConnectionHolders.Holder(r.getString(1), r.getString(2), r.getString(3),
                            r.getLong(4)));
                }
            }
            return new ConnectionHolders("", threads, max, holders);
        } catch (SQLException e) {
            return ConnectionHolders.unavailable(message(e));
        } catch (RuntimeException e) {
            return ConnectionHolders.unavailable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Properties properties() throws IOException {
        Properties p = new Properties();
        p.setProperty("user", settings.user());
        p.setProperty("password", settings.currentPassword());
        long ms = settings.connectTimeout().toMillis();
        p.setProperty("connectTimeout", Long.toString(ms));
        p.setProperty("socketTimeout", Long.toString(Math.max(ms, 10_000)));
        return p;
    }

    private static long variable(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? Long.parseLong(r.getString(2).strip()) : -1;
        }
    }

    /** One row per table: its first complaint, or its status row when it has none. */
    private List<AccountingDbReport.TableStatus> checkTables(Connection c) throws SQLException {
        String job = settings.clusterName() + "_job_table";
        String step = settings.clusterName() + "_step_table";
        Map<String, AccountingDbReport.TableStatus> byTable = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("CHECK TABLE `" + job + "`, `" + step + "`")) {
            while (r.next()) {
                String table = r.getString("Table");
                String name = table.contains(".") ? table.substring(table.indexOf('.') + 1) : table;
                AccountingDbReport.TableStatus status = new AccountingDbReport.TableStatus(name,
                        r.getString("Msg_type"), r.getString("Msg_text"));
                AccountingDbReport.TableStatus seen = byTable.get(name);
                // The first complaint says most ("Table is marked as crashed"); later rows summarise it.
                if (seen == null || (seen.ok() && !status.ok())) {
                    byTable.put(name, status);
                }
            }
        }
        return new ArrayList<>(byTable.values());
    }

    private static String message(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
