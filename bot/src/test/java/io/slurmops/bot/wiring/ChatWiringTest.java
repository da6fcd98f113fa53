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
                  users: {U222: viewer}
                store:
                  url: jdbc:h2:file:${STATE}/store
                """, "test");
        try (Application app = Application.start(config);
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
    void aPlatformThatCannotConnectStopsTheStartWithItsMessage() throws Exception {
        ChatConfig bad = new ChatConfig(Optional.of(new SlackSettings("xoxb-wrong", FakeSlackWebApi.APP_TOKEN,
                web.apiUrl(), Set.of("C111"), null, false)), Optional.empty());
        SlurmopsConfig config = new ConfigLoader(Map.of("STATE", state.toString()))
                .parse("store:\n  url: jdbc:h2:file:${STATE}/store\n", "test");
        try (Application app = Application.start(config)) {
            assertThatThrownBy(() -> ChatAdapters.start(bad, config.prefix(), app.bot()))
                    .isInstanceOf(ChatStartException.class).hasMessageContaining("slack.botToken");
        }
    }
}
