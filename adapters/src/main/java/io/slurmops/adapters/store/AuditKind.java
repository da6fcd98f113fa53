package io.slurmops.adapters.store;

/** What an audit row records. */
public enum AuditKind {
    /** A read-only command ran. */
    READ,
    /** Someone lacked the role for a command. */
    REFUSED,
    /** A change was asked for (the request row exists from here on). */
    REQUESTED,
    /** No plan: bad input or a guard rail. */
    REJECTED,
    /** The plan was frozen; plan_hash set. */
    PLANNED,
    /** A counted vote. */
    VOTE,
    /** A counted vote taken back before the plan ran (its reaction removed); the vote no longer counts. */
    VOTE_WITHDRAWN,
    /** A vote that did not count (requester, no role, twice, too late), with why. */
    VOTE_IGNORED,
    APPROVED, DENIED, EXPIRED, CANCELLED,
    /** The execution was claimed; written before anything runs. */
    STARTED,
    /** One step of a plan ran: per-host exit codes, duration, output digest. */
    STEP,
    /** The re-check before running failed; nothing ran. */
    STALE,
    SUCCEEDED, FAILED,
    /** Found RUNNING without a live runner: never re-run. */
    INTERRUPTED,
    /** A declared incident changed: declared, lead, status update, note, resolved (issue 14). */
    INCIDENT
}
