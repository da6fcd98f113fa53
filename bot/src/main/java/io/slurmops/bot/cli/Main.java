package io.slurmops.bot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code slurmops} command line. */
@Command(name = "slurmops", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "ChatOps for Slurm incident response: diagnose and repair from chat, with four-eyes approvals.",
        subcommands = {ConsoleCommand.class, BotCommand.class, RunCommand.class, AuditCliCommand.class, IncidentCliCommand.class,
                DemoCommand.class, HostlistCommand.class, ConfigCommand.class, VersionCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            // The user sees one clear line; the stack trace goes to the log only.
            line.getErr().println("slurmops: " + ex.getMessage());
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", ex);
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
