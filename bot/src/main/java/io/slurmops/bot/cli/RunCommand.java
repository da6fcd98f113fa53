package io.slurmops.bot.cli;

import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.wiring.Application;
import io.slurmops.commands.chat.ChatMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;

/** One chat line through exactly the pipeline chat uses; the reply is printed. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Send one chat line through the bot, as if typed in the console chat, and print the reply.",
                "Exit codes: 0 done or pending approval, 1 failed, 2 bad input, 3 refused (role), 4 bad configuration."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOption configOption;

    @Option(names = "--as", paramLabel = "USER", description = "Who is typing (default: the console user of the configuration)")
    String user;

    @Parameters(index = "0", paramLabel = "LINE", description = "The chat line, e.g. \"!slurm status\"")
    String line;

    @Override
    public Integer call() {
        SlurmopsConfig config = configOption.loadOrReport().orElse(null);
        if (config == null) {
            return ConfigOption.BAD_CONFIG;
        }
        // Who is typing is settled before anything starts: a refused --as opens no store.
        ConsoleIdentity identity = configOption.identity(config, user).orElse(null);
        if (identity == null) {
            return ConfigOption.REFUSED;
        }
        String who = identity.user();
        try (Application app = Application.start(config)) {
            String id = "cli-" + UUID.randomUUID();
            ChatMessage message = new ChatMessage("cli", id, config.console().channel(), who, who, line, id, Instant.now());
            if (!app.bot().catalog().addressed(line)) {
                System.err.println("not a command: lines start with " + config.prefix() + " (e.g. \"" + config.prefix()
                        + " help\")");
                return 2;
            }
            // Everything the bot posts (a plan, the approval, the run's report, missed announcements) is printed.
            BotResponse response = app.bot().handle(message, new PrintingChannel(System.out));
            app.runbooks().awaitIdle();               // an approved runbook run is not cut off by the exit
            return response.outcome().exitCode();
        }
    }
}
