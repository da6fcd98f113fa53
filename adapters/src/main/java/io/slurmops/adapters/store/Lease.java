package io.slurmops.adapters.store;

/**
 * A granted lease. {@code token} grows by one at each grant to a new holder (a fencing token): work
 * done under the lease passes it back to the store, which refuses it once someone newer holds the
 * lease. {@code expiresMs} is on the database's clock (see {@link StoreTx#databaseNowMs}).
 */
public record Lease(String name, String holder, long token, long expiresMs) {
}
