package io.slurmops.commands.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Every command the bot answers, in the order help lists them: filled once at start-up (read
 * commands from {@code ReadCommands}, changes, the bot's own), then read by the catalog and by help.
 * A command that knows about the others (help) holds the registry, not a copy of the list.
 */
public final class CommandRegistry {

    private final List<SlurmCommand> commands = new ArrayList<>();

    public synchronized CommandRegistry add(SlurmCommand command) {
        String name = command.spec().name();
        if (commands.stream().anyMatch(c -> c.spec().name().equals(name))) {
            throw new IllegalArgumentException("two commands named " + name);
        }
        commands.add(command);
        return this;
    }

    public CommandRegistry addAll(Collection<? extends SlurmCommand> more) {
        more.forEach(this::add);
        return this;
    }

    public synchronized List<SlurmCommand> commands() {
        return List.copyOf(commands);
    }
}
