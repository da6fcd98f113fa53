package io.slurmops.bot.wiring;

import com.google.gson.JsonObject;
import io.slurmops.adapters.chat.OutsideChannels;
import io.slurmops.adapters.chat.discord.DiscordFrames;
import io.slurmops.adapters.chat.discord.DiscordSettings;
import io.slurmops.adapters.chat.discord.FakeDiscordGateway;
import io.slurmops.adapters.chat.discord.FakeDiscordRest;
import io.slurmops.adapters.chat.slack.FakeSlackWebApi;
import io.slurmops.adapters.chat.slack.FakeSocketMode;
import io.slurmops.adapters.chat.slack.SlackFrames;
import io.slurmops.adapters.chat.slack.SlackSettings;
import io.slurmops.bot.alerts.Incident;
import io.slurmops.bot.config.ChatConfig;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.escalation.FakePagerDuty;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unacknowledged CRITICAL alert in Slack and in Discord (the wire-level fakes, the real client
 * libraries and the bot as `slurmops bot` wires it; a healthy fake cluster behind it, so the only incident
 * is the Alertmanager one): the on-call group is mentioned, PagerDuty (a local
 * server speaking the Events API v2 format) is paged once, the bot's own 👀 changes nothing, a person's
 * 👀 acknowledges it there too, and the recovery resolves it.
 */
@Timeout(90)
class EscalationWiringTest {

    private static final String PD_KEY = "0123456789abcdef0123456789abcdef";
    private static final String ROLE = "100000000000000099";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path state;

    private FakePagerDuty pd;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void fakes() throws Exception {
        pd = new FakePagerDuty();
    }

    @AfterEach
    void stop() {
        pd.close();
    }

    private SlurmopsConfig config() throws Exception {
        return new ConfigLoader(Map.of("STATE", state.toString(), "AM_TOKEN", "s3cret", "PD_KEY", PD_KEY)).parse("""
                site:
                  cluster: test
                  controller: ctl
                  serviceManager: [systemctl]
                  nodeServiceManager: [systemctl]
                store:
                  url: jdbc:h2:file:${STATE}/store
                people:
                  alice: ["slack:U222", "discord:%s"]
                groups:
                  oncall: [alice]
                access:
                  users: {alice: operator}
                alerts:
                  interval: 1h
                  nodesInterval: 1h
                alertmanager:
                  enabled: true
                  port: 0
                  auth: {secret: "${AM_TOKEN}"}
                escalation:
                  enabled: true
                  acknowledgeWithin: {critical: 1s}
                  check: 200ms
                  mentions:
                    oncall: {slack: S0ONCALL, discord: "%s"}
                  levels:
                    - {name: L1, notify: [group:oncall]}
                    - {name: L2, after: 1s, notify: [pagerduty:hpc]}
                  pagerduty:
                    url: %s
                    services:
                      hpc: {routingKey: "${PD_KEY}"}
                """.formatted(DiscordFrames.USER, ROLE, pd.enqueueUrl()), "test");
    }

    private void post(Application app, String status) throws Exception {
        String body = """
                {"version":"4","groupKey":"{}:{alertname=\\"SlurmctldDown\\"}","status":"%s","receiver":"slurmops",
                 "alerts":[{"status":"%s","labels":{"alertname":"SlurmctldDown","severity":"critical"},
                   "annotations":{"summary":"slurmctld does not answer"},"fingerprint":"0a1b2c3d4e5f6071"}]}
                """.formatted(status, status);
        int port = app.alertmanager().orElseThrow().port();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/alertmanager"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer s3cret")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    private static Incident incident(Application app) {
        return app.alertStore().open().stream().filter(i -> i.probe().equals("alertmanager")).findFirst().orElseThrow();
    }

    @Test
    void slack() throws Exception {
        FakeSocketMode socket = new FakeSocketMode();
        socket.startAndWait();
        FakeSlackWebApi web = new FakeSlackWebApi(socket::url);
        web.displayName("U222", "alice");
        ChatConfig chat = new ChatConfig(Optional.of(new SlackSettings(FakeSlackWebApi.BOT_TOKEN,
                FakeSlackWebApi.APP_TOKEN, web.apiUrl(), Set.of("C111"), OutsideChannels.IGNORE, false)), Optional.empty());
        SlurmopsConfig config = config();
        try (Application app = Application.startLongRunning(config, FakeCluster.withNodes(4), Clock.systemUTC());
             ChatAdapters adapters = ChatAdapters.start(chat, config.prefix(), app.bot())) {
            app.startAlerts("slack", "C111", adapters.channel("slack:C111"));
            post(app, "firing");
            web.await("chat.postMessage", c -> c.get("text").contains("SlurmctldDown"));
            String ts = incident(app).messageId();
            String ours = "slurmops/test/incident/" + incident(app).id();

            FakeSlackWebApi.Call mention = web.await("chat.postMessage", c -> ts.equals(c.get("thread_ts"))
                    && c.blocks().toString().contains("<!subteam^S0ONCALL>"));
            assertThat(mention.get("text")).contains("not acknowledged").contains("L1");
            pd.await("the trigger", c -> is(c, "trigger", ours), WAIT);

            // The bot's own 👀 (its receipt reaction) reaches nothing; a person's 👀 acknowledges.
            socket.sendFrame(SlackFrames.reaction("Ev20", FakeSlackWebApi.BOT_USER, "eyes", "C111", ts));
            Thread.sleep(700);
            assertThat(pd.calls()).noneMatch(c -> is(c, "acknowledge", ours));
            socket.sendFrame(SlackFrames.reaction("Ev21", "U222", "eyes", "C111", ts));
            FakeSlackWebApi.Call acked = web.await("chat.postMessage", c -> ts.equals(c.get("thread_ts"))
                    && c.get("text").contains("acknowledged by"));
            assertThat(acked.get("text")).contains("acknowledged by alice");
            pd.await("the acknowledge", c -> is(c, "acknowledge", ours), WAIT);

            post(app, "resolved");
            pd.await("the resolve", c -> is(c, "resolve", ours), WAIT);
            Thread.sleep(600);
            assertThat(pd.calls()).filteredOn(c -> c.body().path("dedup_key").asText().equals(ours))
                    .extracting(FakePagerDuty.Call::action).containsExactly("trigger", "acknowledge", "resolve");
            assertThat(web.calls("chat.postMessage")).filteredOn(c -> ts.equals(c.get("thread_ts"))
                    && c.blocks().toString().contains("subteam")).hasSize(1);
        } finally {
            web.close();
            socket.shutdown();
        }
    }

    @Test
    void discord() throws Exception {
        FakeDiscordGateway gateway = new FakeDiscordGateway();
        gateway.startAndWait();
        FakeDiscordRest rest = new FakeDiscordRest();
        String channel = FakeDiscordGateway.CHANNEL;
        ChatConfig chat = new ChatConfig(Optional.empty(), Optional.of(new DiscordSettings(FakeDiscordRest.TOKEN,
                rest.url(), gateway.url(), Set.of(channel), OutsideChannels.IGNORE, false)));
        SlurmopsConfig config = config();
        try (Application app = Application.startLongRunning(config, FakeCluster.withNodes(4), Clock.systemUTC());
             ChatAdapters adapters = ChatAdapters.start(chat, config.prefix(), app.bot())) {
            app.startAlerts("discord", channel, adapters.channel("discord:" + channel));
            post(app, "firing");
            rest.await("the alert", c -> isCreate(c, channel) && content(c).contains("SlurmctldDown"));
            String alert = incident(app).messageId();
            String ours = "slurmops/test/incident/" + incident(app).id();

            FakeDiscordRest.Call mention = rest.await("the mention in reply to the alert", c -> isCreate(c, channel)
                    && content(c).contains("<@&" + ROLE + ">") && alert.equals(referenced(c)));
            JsonObject allowed = mention.payload().getAsJsonObject("allowed_mentions");
            assertThat(allowed.getAsJsonArray("roles").toString()).as("only the on-call role may be pinged")
                    .isEqualTo("[\"" + ROLE + "\"]");
            assertThat(allowed.getAsJsonArray("parse")).isEmpty();
            pd.await("the trigger", c -> is(c, "trigger", ours), WAIT);

            gateway.dispatch(DiscordFrames.reaction(FakeDiscordRest.BOT_ID, "slurmops", alert, "👀"));
            Thread.sleep(700);
            assertThat(pd.calls()).noneMatch(c -> is(c, "acknowledge", ours));
            gateway.dispatch(DiscordFrames.reaction(DiscordFrames.USER, "alice", alert, "👀"));
            FakeDiscordRest.Call acked = rest.await("the acknowledgement", c -> isCreate(c, channel)
                    && content(c).contains("acknowledged by"));
            assertThat(content(acked)).contains("acknowledged by alice");
            pd.await("the acknowledge", c -> is(c, "acknowledge", ours), WAIT);

            post(app, "resolved");
            pd.await("the resolve", c -> is(c, "resolve", ours), WAIT);
            assertThat(pd.calls()).filteredOn(c -> c.body().path("dedup_key").asText().equals(ours))
                    .extracting(FakePagerDuty.Call::action).containsExactly("trigger", "acknowledge", "resolve");
        } finally {
            rest.close();
            gateway.shutdown();
        }
    }

    private static boolean is(FakePagerDuty.Call c, String action, String dedupKey) {
        return c.action().equals(action) && c.body().path("dedup_key").asText().equals(dedupKey);
    }

    private static boolean isCreate(FakeDiscordRest.Call c, String channel) {
        return c.method().equals("POST") && c.path().equals("/api/v10/channels/" + channel + "/messages");
    }

    private static String content(FakeDiscordRest.Call c) {
        return c.payload().has("content") ? c.payload().get("content").getAsString() : "";
    }

    private static String referenced(FakeDiscordRest.Call c) {
        JsonObject ref = c.payload().getAsJsonObject("message_reference");
        return ref == null ? null : ref.get("message_id").getAsString();
    }
}
