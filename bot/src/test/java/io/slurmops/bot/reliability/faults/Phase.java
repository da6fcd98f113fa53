package io.slurmops.bot.reliability.faults;

/** When a fault lands in a change request's life. */
enum Phase {
    /** After the plan was posted and before anyone voted; the approval then arrives with the fault in place. */
    PENDING,
    /** While the approved plan's changing command is in flight (injected by {@link GateTransport}). */
    EXECUTING
}
