package io.slurmops.bot.pipeline;

import java.time.Clock;

/**
 * What a bot with an approval store has behind its stages: the delivery record (dedup), the change
 * and vote desks (route) and the audit. A bot without a store has none of them: reads only.
 *
 * @param prefix the chat prefix, for usage lines in the bot's own commands
 * @param clock  the bot's clock; its zone is how times are shown
 */
public record Desks(Deliveries deliveries, ChangeDesk changes, VoteDesk votes, AuditLog audit, String prefix,
                    Clock clock) {

    /** The usual case: one approvals object serves dedup, changes and votes. */
    public static <A extends Deliveries & ChangeDesk & VoteDesk> Desks of(A approvals, AuditLog audit, String prefix,
                                                                         Clock clock) {
        return new Desks(approvals, approvals, approvals, audit, prefix, clock);
    }
}
