package io.slurmops.bot.alerts;

/** A transition worth telling people about; steady states produce none. */
public record AlertEvent(Kind kind, Incident incident) {

    public enum Kind {
        /** A new fault. */
        OPENED,
        /** Still failing, but worse or better (severity changed). */
        CHANGED,
        /** Came back shortly after it looked recovered: the same incident, not a new one. */
        RECURRED,
        /** Gone for long enough to call it recovered. */
        RESOLVED
    }
}
