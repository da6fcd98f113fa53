package io.slurmops.bot.cli;

import io.slurmops.adapters.chat.ChatStartException;
import io.slurmops.bot.config.ChatConfig;
import io.slurmops.bot.config.ChatConfigLoader;
import io.slurmops.bot.config.ConfigException;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.wiring.Application;
import io.slurmops.bot.wiring.ChatAdapters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The service: connects the configured chat platforms and serves commands until stopped (SIGTERM). */
@Command(name = "bot", mixinStandardHelpOptions = true,
        description = {"Connect to Slack and/or Discord (the slack: and discord: sections of the configuration) "
                + "and serve commands until stopped.",
                "Exit codes: 0 stopped, 4 bad configuration, 5 could not connect (the message says what to check)."})
final class BotCommand implements Callable<Integer> {

    @Mixin
    ConfigOption configOption;

    @Override
    public Integer call() throws InterruptedException {
        SlurmopsConfig config;
        ChatConfig chat;
        try {
            config = configOption.load();
            chat = ChatConfigLoader.fromSystem().load(configOption.path());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 4;
        }
        if (!chat.any()) {
            System.err.println(config.source() + ": no chat platform configured; add a slack: or discord: section "
                    + "(see docs/chat-setup.md), or use `slurmops console` to chat in this terminal");
            return 4;
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await(15, TimeUnit.SECONDS);      // let the adapters say goodbye before the JVM exits
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "slurmops-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Application app = Application.startLongRunning(config);
             ChatAdapters adapters = ChatAdapters.start(chat, config.prefix(), app.bot())) {
            app.serveHealth(adapters, VersionProvider.version());
            startAlerts(config, app, adapters);
            // Overdue-update reminders reach an incident's channel after a restart too.
            app.incidentReminders().reachThrough(name -> {
                try {
                    return java.util.Optional.of(adapters.channel(name));
                } catch (IllegalArgumentException e) {
                    return java.util.Optional.empty();
                }
            });
            stop.await();
            return 0;
        } catch (ChatStartException e) {
            System.err.println(e.getMessage());
            return 5;
        } finally {
            closed.countDown();
        }
    }

    private static void startAlerts(SlurmopsConfig config, Application app, ChatAdapters adapters) {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BotCommand.class);
        if (!config.alerts().enabled()) {
            if (config.alertmanager().enabled()) {
                log.warn("alertmanager: the webhook posts into the health watch's channel; it is off with alerts.enabled: false");
            }
            return;
        }
        if (config.alerts().channel().isBlank()) {
            log.warn("alerts: no alerts.channel configured (slack:ID or discord:ID); the health watch{} is off",
                    config.alertmanager().enabled() ? " and the Alertmanager webhook" : "");
            return;
        }
        String name = config.alerts().channel();
        app.startAlerts(name.substring(0, Math.max(0, name.indexOf(':'))), name.substring(name.indexOf(':') + 1),
                adapters.channel(name));
        log.info("alerts: posting to {}", config.alerts().channel());
    }
}
