package io.slurmops.commands.catalog;

import io.slurmops.commands.reply.Reply;

/**
 * One chat command: its declaration and what it does. A read command answers at once from
 * {@link #execute}; change commands (see the approvals module) produce a plan first.
 */
public interface SlurmCommand {

    CommandSpec spec();

    /**
     * Runs the command. Throws {@link UsageException} for bad input that only shows once the
     * arguments are looked at (a bad hostlist, an unknown node); every other problem is a reply.
     */
    Reply execute(Invocation invocation, CommandContext context) throws UsageException;
}
