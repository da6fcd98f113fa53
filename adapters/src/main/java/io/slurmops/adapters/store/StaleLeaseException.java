package io.slurmops.adapters.store;

/** A write made under a lease that another holder has taken over since: refused, nothing written. */
public final class StaleLeaseException extends StoreException {

    public StaleLeaseException(String lease, long token) {
        super("lease `" + lease + "` token " + token + " is stale: another instance took it over; nothing written");
    }
}
