package io.slurmops.adapters.store;

/** A vote. */
public enum Decision {
    APPROVE, DENY
}
