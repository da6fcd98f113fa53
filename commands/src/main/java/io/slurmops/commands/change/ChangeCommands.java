package io.slurmops.commands.change;

import io.slurmops.commands.plan.ChangeCommand;

import java.util.List;

/** The commands that change the cluster, in the order help lists them. */
public final class ChangeCommands {

    private ChangeCommands() {
    }

    public static List<ChangeCommand> all() {
        return List.of(
                new DrainCommand(), new ResumeCommand(), new UndrainCommand(), new DownCommand(),
                new RestartSlurmdCommand(), new ServiceCommand("start"), new ServiceCommand("stop"),
                new ServiceCommand("restart"), new ReconfigCommand(), new TakeoverCommand(),
                new FailoverCommand(), new FailbackCommand(),
                JobActionCommand.hold(), JobActionCommand.release(), JobActionCommand.requeue(),
                new SyncConfigCommand(), new SyncMungeCommand(), new SyncClockCommand(), new GpuResetCommand());
    }
}
