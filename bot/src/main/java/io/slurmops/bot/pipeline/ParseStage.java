package io.slurmops.bot.pipeline;

import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.UsageException;

/** Stage 2: is the line for the bot, and which command with which arguments; bad input ends the line here. */
final class ParseStage {

    private final CommandCatalog catalog;

    ParseStage(CommandCatalog catalog) {
        this.catalog = catalog;
    }

    boolean addressed(String text) {
        return catalog.addressed(text);
    }

    CommandCatalog.Parsed parse(String text) throws UsageException {
        return catalog.parse(text);
    }
}
