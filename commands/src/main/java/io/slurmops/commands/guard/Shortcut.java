package io.slurmops.commands.guard;

import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;

import java.util.Objects;

/**
 * One of the runbook's "emergency shortcuts that backfire" (slide 21), as someone would type it to
 * the bot, with why it backfires and the runbook that does the job safely.
 *
 * @param id      a stable name for tests and the audit ("down-all")
 * @param reason  why it backfires, one sentence
 * @param runbook the runbook to run instead
 * @param instead what else to type when the runbook is more than the person needs; may be empty
 */
public record Shortcut(String id, String reason, String runbook, String instead) {

    public Shortcut {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(runbook, "runbook");
        instead = instead == null ? "" : instead;
    }

    /** The runbook as a chat command: "!slurm runbook run cluster-restart". */
    public String runbookCommand(String prefix) {
        return prefix + " runbook run " + runbook;
    }

    /** The whole refusal in one line, for the audit and for a plan that is not made. */
    public String refusal(String prefix) {
        return "refused, a shortcut that backfires: " + reason + ". Use `" + runbookCommand(prefix) + "` instead"
                + (instead.isEmpty() ? "" : "; " + instead.replace("{prefix}", prefix)) + ".";
    }

    /** The answer to the person: refused, why, and what to type instead. */
    public Reply reply(String prefix) {
        Reply.Builder b = Reply.builder("Refused: a shortcut that backfires").status(Status.ERROR)
                .paragraph(Character.toUpperCase(reason.charAt(0)) + reason.substring(1) + ".")
                .paragraph("Use `" + runbookCommand(prefix) + "` instead (`" + prefix + " help runbook`).");
        if (!instead.isEmpty()) {
            b.paragraph(Character.toUpperCase(instead.charAt(0)) + instead.substring(1).replace("{prefix}", prefix) + ".");
        }
        return b.build();
    }
}
