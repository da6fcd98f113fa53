package io.slurmops.commands.read;

import io.slurmops.commands.catalog.SlurmCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The read-only commands, in the order help lists them. */
public final class ReadCommands {

    private ReadCommands() {
    }

    public static List<SlurmCommand> all(Supplier<List<SlurmCommand>> everything) {
        List<SlurmCommand> list = new ArrayList<>();
        list.add(new HelpCommand(everything));
        list.add(new StatusCommand());
        list.add(new NodesCommand());
        return list;
    }
}
