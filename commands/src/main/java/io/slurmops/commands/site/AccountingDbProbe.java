package io.slurmops.commands.site;

/**
 * Looks into the accounting database (MariaDB behind slurmdbd): is it reachable, how many of its
 * connections are used, are Slurm's tables sound. The domain only knows this interface; the JDBC
 * implementation lives in the adapters module.
 */
public interface AccountingDbProbe {

    /** Never throws: an unreachable database is a report with {@code reachable == false}. */
    AccountingDbReport probe();

    /** The process list grouped by user, host and command; never throws. */
    default ConnectionHolders holders() {
        return ConnectionHolders.unavailable("this accounting-DB probe cannot list connections");
    }
}
