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
        HaCommand ha = new HaCommand();
        ServicesCommand services = new ServicesCommand();
        CheckMungeCommand munge = new CheckMungeCommand();
        CheckConfigCommand config = new CheckConfigCommand();
        CheckClockCommand clock = new CheckClockCommand();
        CheckPortsCommand ports = new CheckPortsCommand();
        CheckHwCommand hw = new CheckHwCommand();
        CheckDbCommand db = new CheckDbCommand();
        List<SlurmCommand> list = new ArrayList<>();
        list.add(new HelpCommand(everything));
        list.add(new StatusCommand());
        list.add(new HealthCommand(List.of(ha, new NodeStatesCheck(), services, munge, config, clock, ports, hw, db)));
        list.add(new NodesCommand());
        list.add(new NodeCommand());
        list.add(new JobCommand());
        list.add(new QueueCommand());
        list.add(new LimitsCommand());
        list.add(services);
        list.add(new LogsCommand());
        list.add(ha);
        list.add(munge);
        list.add(config);
        list.add(clock);
        list.add(ports);
        list.add(hw);
        list.add(db);
        return list;
    }
}
