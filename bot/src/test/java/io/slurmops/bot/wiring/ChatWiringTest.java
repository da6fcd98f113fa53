package io.slurmops.bot.wiring;

import io.slurmops.adapters.chat.ChatStartException;
import io.slurmops.adapters.chat.OutsideChannels;
import io.slurmops.adapters.chat.slack.FakeSlackWebApi;
import io.slurmops.adapters.chat.slack.FakeSocketMode;
import io.slurmops.adapters.chat.slack.SlackFrames;
import io.slurmops.adapters.chat.slack.SlackSettings;
import io.slurmops.bot.config.ChatConfig;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real bot pipeline behind the real Slack adapter, against the local Slack fakes. */
@Timeout(60)
class ChatWiringTest {

    private static final String TS = "1610241741.000200";

    // A fresh store per test: deliveries are remembered in the store, so a shared one would make a
    // second run see the fixture's event as a redelivery.
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path state;

    private FakeSocketMode socket;
    private FakeSlackWebApi web;

    @BeforeEach
    void fakes() throws Exception {
        socket = new FakeSocketMode();
        socket.startAndWait();
        web = new FakeSlackWebApi(socket::url);
    }

    @AfterEach
    void stop() {
        web.close();
        socket.shutdown();
    }

    private ChatConfig chat() {
        return new ChatConfig(Optional.of(new SlackSettings(FakeSlackWebApi.BOT_TOKEN, FakeSlackWebApi.APP_TOKEN,
                web.apiUrl(), Set.of("C111"), OutsideChannels.IGNORE, false)), Optional.empty());
    }

    @Test
    void aSlackCommandGoesThroughTheBotAndIsAnsweredInItsThread() throws Exception {
        SlurmopsConfig config = new ConfigLoader(Map.of("STATE", state.toString())).parse("""
                access:
                  users: {"slack:U222": viewer}
                store:
                  url: jdbc:h2:file:${STATE}/store
                """, "test");
        try (Application app = Application.startLongRunning(config);
             ChatAdapters adapters = ChatAdapters.start(chat(), config.prefix(), app.bot())) {
            socket.sendFrame(SlackFrames.message("Ev1", "C111", "U222", "!slurm help", TS));
            FakeSlackWebApi.Call help = web.await("chat.postMessage", c -> true);
            assertThat(help.get("thread_ts")).isEqualTo(TS);
            assertThat(help.get("text")).contains("slurmops commands");
            web.await("reactions.add", c -> "white_check_mark".equals(c.get("name")));

            // Someone without a role is refused by the bot (not by the adapter), in the thread, marked ❌.
            socket.sendFrame(SlackFrames.message("Ev2", "C111", "U999", "!slurm help", "1610241741.000300"));
            FakeSlackWebApi.Call refusal = web.await("chat.postMessage", c -> c.get("text").contains("no slurmops role"));
            assertThat(refusal.get("thread_ts")).isEqualTo("1610241741.000300");
            web.await("reactions.add", c -> "x".equals(c.get("name")) && "1610241741.000300".equals(c.get("timestamp")));
        }
    }

    @Test
    void alertsGoToTheConfiguredChannelWithUpdatesInTheAlertsThread() throws Exception {
        SlurmopsConfig config = new ConfigLoader(Map.of("STATE", state.toString())).parse("""
                store:
                  url: jdbc:h2:file:${STATE}/store
                alerts:
                  channel: slack:C111
                """, "test");
        try (Application app = Application.startLongRunning(config);
             ChatAdapters adapters = ChatAdapters.start(chat(), config.prefix(), app.bot())) {
            io.slurmops.commands.chat.ChatChannel alerts = adapters.channel(config.alerts().channel());
            io.slurmops.bot.alerts.AlertPoster poster = new io.slurmops.bot.alerts.AlertPoster(alerts,
                    "slack", "C111", io.slurmops.commands.diagnosis.KnowledgeBase.builtIn(), "!slurm", "lab");
            java.time.Instant t0 = java.time.Instant.parse("2026-11-25T10:00:00Z");
            io.slurmops.bot.alerts.Incident incident = new io.slurmops.bot.alerts.Incident(1, "nodes:node003", "nodes",
                    "node003", io.slurmops.commands.reply.Status.CRITICAL, "node003 is down*", "node-not-responding",
                    "restart slurmd node003", t0, t0, null, null, 0, 0, null, null, null);
            io.slurmops.bot.alerts.AlertMessage posted = poster.opened(incident);
            String ts = posted.id();
            FakeSlackWebApi.Call opened = web.await("chat.postMessage", c -> c.get("text").contains("node003 is down*"));
            assertThat(opened.get("channel")).isEqualTo("C111");
            assertThat(opened.get("thread_ts")).isNull();
            web.await("reactions.add", c -> "white_check_mark".equals(c.get("name")) && ts.equals(c.get("timestamp")));
            poster.resolved(new io.slurmops.bot.alerts.Incident(1, "nodes:node003", "nodes", "node003",
                    io.slurmops.commands.reply.Status.CRITICAL, "node003 is down*", "node-not-responding",
                    "restart slurmd node003", t0, t0, t0.plusSeconds(75), posted, 2, 0, null, null, null));
            FakeSlackWebApi.Call recovered = web.await("chat.postMessage",
                    c -> c.get("text").contains("RECOVERED after 1m 15s"));
            assertThat(recovered.get("thread_ts")).isEqualTo(ts);
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> adapters.channel("discord:1")))
                    .hasMessageContaining("slack:CHANNEL_ID or discord:CHANNEL_ID");
        }
    }

    @Test
    void aPlatformThatCannotConnectStopsTheStartWithItsMessage() throws Exception {
        ChatConfig bad = new ChatConfig(Optional.of(new SlackSettings("xoxb-wrong", FakeSlackWebApi.APP_TOKEN,
                web.apiUrl(), Set.of("C111"), null, false)), Optional.empty());
        SlurmopsConfig config = new ConfigLoader(Map.of("STATE", state.toString()))
                .parse("store:\n  url: jdbc:h2:file:${STATE}/store\n", "test");
        try (Application app = Application.startLongRunning(config)) {
            assertThatThrownBy(() -> ChatAdapters.start(bad, config.prefix(), app.bot()))
                    .isInstanceOf(ChatStartException.class).hasMessageContaining("slack.botToken");
        }
    }
}
