package io.slurmops.adapters.store;

/** The store failed (unreachable, full, schema too new). The message is for people; never holds a password. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
