package io.slurmops.bot.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.slurmops.adapters.chat.OutsideChannels;
import io.slurmops.adapters.chat.discord.DiscordSettings;
import io.slurmops.adapters.chat.discord.FakeDiscordGateway;
import io.slurmops.adapters.chat.discord.FakeDiscordRest;
import io.slurmops.adapters.chat.slack.FakeSlackWebApi;
import io.slurmops.adapters.chat.slack.SlackSettings;
import io.slurmops.bot.config.AlertConfig;
import io.slurmops.bot.config.ChatConfig;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.pipeline.BotResponse;
import io.slurmops.bot.wiring.Application;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.chat.ChatMessage;
import io.slurmops.testing.LabCluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Bots for lab tests, started as in production on a lab configuration but each on a store of its own.
 * The static methods build configurations and drive a bot; an instance remembers the bots and store
 * directories a test made, and {@link #close()} closes the bots (quietly) and deletes the directories.
 * It never heals the lab: that stays the test's ({@code LabCluster.restore()}).
 */
final class LabBots implements AutoCloseable {

    private final List<Application> apps = new ArrayList<>();
    private final List<Path> stateDirs = new ArrayList<>();

    /** A new store directory, deleted at {@link #close()}; readable by the lab's other users (slurm, ssh). */
    Path newState(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        stateDirs.add(dir);
        return dir;
    }

    /** {@link #startWatching}, closed at {@link #close()}. */
    Application start(SlurmopsConfig config, ChatChannel alerts) {
        Application app = startWatching(config, alerts);
        apps.add(app);
        return app;
    }

    /** Closes every bot started here (in order, quietly), then deletes every store directory made here. */
    @Override
    public void close() throws IOException {
        for (Application app : apps) {
            try {
                app.close();
            } catch (RuntimeException e) {
                // closed already, or its store closed under it
            }
        }
        apps.clear();
        for (Path dir : stateDirs) {
            deleteTree(dir);
        }
        stateDirs.clear();
    }

    /** {@code config/<file>} of this checkout with {@code ${SLURMOPS_STATE}} at {@code state} (the store's home). */
    static SlurmopsConfig labConfig(String file, Path state) throws Exception {
        return new ConfigLoader(Map.of("SLURMOPS_STATE", state.toString()))
                .load(LabCluster.repoRoot().resolve("config").resolve(file));
    }

    /**
     * {@code config/<file>} with the health watch on at these intervals and Slurm triggers off (they
     * are cluster-wide strigger state that would outlive the test).
     */
    static SlurmopsConfig watching(String file, Path state, Duration interval, Duration nodesInterval,
                                   int recoveryPolls) throws Exception {
        SlurmopsConfig base = labConfig(file, state);
        AlertConfig a = base.alerts();
        AlertConfig alerts = new AlertConfig(true, interval, nodesInterval, recoveryPolls, a.flapWindow(), false,
                state.resolve("triggers").toString(), a.slurmUser());
        return new SlurmopsConfig(base.source(), base.prefix(), base.site(), base.ssh(), base.store(),
                base.access(), base.approvals(), base.console(), alerts, base.accountingDb());
    }

    /**
     * config/lab.yaml as a chat test wants it: the store in {@code state}, only {@code users} (platform:id
     * → role) have roles, alerts off, no console section; {@code edit} may change the tree further.
     */
    static SlurmopsConfig chatConfig(Path state, String source, Map<String, String> users, Consumer<ObjectNode> edit)
            throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode root = (ObjectNode) yaml.readTree(LabCluster.repoRoot().resolve("config/lab.yaml").toFile());
        root.putObject("store").put("url", "jdbc:h2:file:${STATE}/store");
        ObjectNode roles = root.putObject("access").putObject("users");
        users.forEach(roles::put);
        root.putObject("alerts").put("enabled", false);
        root.remove("console");
        edit.accept(root);
        return new ConfigLoader(Map.of("STATE", state.toString(), "SLURMOPS_STATE", state.toString()))
                .parse(yaml.writeValueAsString(root), source + " (config/lab.yaml)");
    }

    /** Slack only, through the wire-level fakes at {@code web} (and its Socket Mode), commands taken in {@code channel}. */
    static ChatConfig slackFake(FakeSlackWebApi web, String channel) {
        return new ChatConfig(Optional.of(new SlackSettings(FakeSlackWebApi.BOT_TOKEN, FakeSlackWebApi.APP_TOKEN,
                web.apiUrl(), Set.of(channel), OutsideChannels.IGNORE, false)), Optional.empty());
    }

    /** Discord only, through the wire-level fakes, commands taken in {@code channel}. */
    static ChatConfig discordFake(FakeDiscordRest rest, FakeDiscordGateway gateway, String channel) {
        return new ChatConfig(Optional.empty(), Optional.of(new DiscordSettings(FakeDiscordRest.TOKEN, rest.url(),
                gateway.url(), Set.of(channel), OutsideChannels.IGNORE, false)));
    }

    /** Starts the bot as the long-running processes do, its alerts posted into {@code alerts} (console "alerts"). */
    static Application startWatching(SlurmopsConfig config, ChatChannel alerts) {
        Application app = Application.startLongRunning(config);
        app.startAlerts("console", "alerts", alerts);
        return app;
    }

    /** {@code who} says {@code line} in the console channel "alerts", as chat would deliver it. */
    static BotResponse say(Application app, ChatChannel ch, String who, String line) {
        String id = UUID.randomUUID().toString();
        return app.bot().handle(new ChatMessage("console", id, "alerts", who, who, line, id, Instant.now()), ch);
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
