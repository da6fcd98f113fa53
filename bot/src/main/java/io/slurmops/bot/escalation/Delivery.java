package io.slurmops.bot.escalation;

import io.slurmops.adapters.store.PageRow;

/** How one send went: sent, worth retrying later, failed for good, or no longer wanted. */
record Delivery(String state, boolean retry, String note) {

    static Delivery sent(String note) {
        return new Delivery(PageRow.SENT, false, note);
    }

    /** A network error, a 429 or a 5xx: the row stays pending and is tried again after a backoff. */
    static Delivery retry(String why) {
        return new Delivery(PageRow.PENDING, true, why);
    }

    /** The receiver refused the event itself (e.g. PagerDuty's 400 "invalid event"): retrying cannot help. */
    static Delivery failed(String why) {
        return new Delivery(PageRow.FAILED, false, why);
    }

    static Delivery cancelled(String why) {
        return new Delivery(PageRow.CANCELLED, false, why);
    }
}
