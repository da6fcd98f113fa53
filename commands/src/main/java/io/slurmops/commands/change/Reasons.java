package io.slurmops.commands.change;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.UsageException;

/** The Reason the bot writes into Slurm: the person's words plus who asked and which request. */
final class Reasons {

    /** Slurm keeps reasons short in its displays; long ones are cut there anyway. */
    private static final int MAX_TEXT = 200;

    private Reasons() {
    }

    /** "maintenance [alice #12]" — one line, the request tag last. */
    static String tagged(String text, CommandContext ctx, String usage) throws UsageException {
        String t = text.replaceAll("\\s+", " ").strip();
        if (t.isEmpty()) {
            throw new UsageException("a reason is required (it is shown by sinfo -R)", usage);
        }
        if (t.length() > MAX_TEXT) {
            throw new UsageException("the reason is " + t.length() + " characters; keep it under " + MAX_TEXT, usage);
        }
        return t + " " + ctx.requestTag();
    }
}
