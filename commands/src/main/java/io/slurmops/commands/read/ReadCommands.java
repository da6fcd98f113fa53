package io.slurmops.commands.read;

import io.slurmops.commands.catalog.CommandRegistry;

import java.util.List;

/** The read-only commands, in the order help lists them: a new read command is one line here. */
public final class ReadCommands {

    private ReadCommands() {
    }

    /** Adds help (which lists everything the registry ends up holding) and every read command. */
    public static CommandRegistry register(CommandRegistry registry) {
        HaCommand ha = new HaCommand();
        ServicesCommand services = new ServicesCommand();
        CheckMungeCommand munge = new CheckMungeCommand();
        CheckConfigCommand config = new CheckConfigCommand();
        CheckClockCommand clock = new CheckClockCommand();
        CheckPortsCommand ports = new CheckPortsCommand();
        CheckHwCommand hw = new CheckHwCommand();
        CheckDbCommand db = new CheckDbCommand();
        return registry
                .add(new HelpCommand(registry))
                .add(new StatusCommand())
                .add(new HealthCommand(List.of(ha, new NodeStatesCheck(), services, munge, config, clock, ports, hw, db)))
                .add(new NodesCommand())
                .add(new NodeCommand())
                .add(new JobCommand())
                .add(new QueueCommand())
                .add(new LimitsCommand())
                .add(new ReservationsCommand())
                .add(services)
                .add(new LogsCommand())
                .add(ha)
                .add(munge)
                .add(config)
                .add(clock)
                .add(ports)
                .add(hw)
                .add(db)
                .add(new DbConnectionsCommand());
    }
}
