package io.slurmops.bot.cli;

import io.slurmops.adapters.chat.console.ConsoleChat;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.wiring.Application;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** The interactive chat in the terminal. */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = "Chat with the bot in this terminal: type !slurm commands; /as USER switches user.")
final class ConsoleCommand implements Callable<Integer> {

    @Mixin
    ConfigOption configOption;

    @Option(names = "--as", paramLabel = "USER", description = "Start as this user (default: console.user)")
    String user;

    @Override
    public Integer call() throws IOException {
        return open(configOption, user);
    }

    static int open(ConfigOption configOption, String user) throws IOException {
        SlurmopsConfig config = configOption.loadOrReport().orElse(null);
        if (config == null) {
            return ConfigOption.BAD_CONFIG;
        }
        ConsoleIdentity who = configOption.identity(config, user).orElse(null);
        if (who == null) {
            return ConfigOption.REFUSED;
        }
        ConsoleIdentity.rootNotice(io.slurmops.adapters.os.ProcessUser.realUserName(), who.user())
                .ifPresent(System.err::println);
        try (Application app = Application.startLongRunning(config)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            ConsoleChat chat = new ConsoleChat(app.bot(), in, System.out, who.user(), config.console().channel(),
                    who.maySwitch(), who.whyNoSwitch());
            chat.attachmentsTo(new io.slurmops.adapters.chat.console.AttachmentFiles(
                    io.slurmops.bot.incidents.AttachmentDirs.of(config), java.time.Clock.systemUTC()));
            // Announcements it missed (expired requests, runs interrupted by a crash) appear at once.
            app.bot().attach(ConsoleChat.PLATFORM, config.console().channel(), chat);
            app.serveHealth(null, VersionProvider.version());    // no chat connection to report here
            if (config.alerts().enabled()) {
                app.startAlerts(ConsoleChat.PLATFORM, config.console().channel(), chat);
            } else if (config.alertmanager().enabled()) {
                System.err.println("alertmanager: the webhook posts into the health watch; it is off with alerts.enabled: false");
            }
            chat.run();
            return 0;
        }
    }
}
