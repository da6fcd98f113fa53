package io.slurmops.bot.wiring;

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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** An Alertmanager notification through the bot as `slurmops bot` wires it, into Slack (the wire-level fake). */
@Timeout(60)
class AlertmanagerWiringTest {

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path state;

    private FakeSocketMode socket;
    private FakeSlackWebApi web;
    private final HttpClient http = HttpClient.newHttpClient();

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

    private static String notification(String status) {
        return """
                {"version":"4","groupKey":"{}:{alertname=\\"SlurmNodeDown\\"}","status":"%s","receiver":"slurmops",
                 "alerts":[{"status":"%s","labels":{"alertname":"SlurmNodeDown","severity":"critical","node":"node003"},
                   "annotations":{"summary":"slurmd does not answer"},"fingerprint":"5f1a2b3c4d5e6f70"}]}
                """.formatted(status, status);
    }

    private HttpResponse<String> post(int port, String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/alertmanager"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The request the incident's fix opened; recorded just after the answer is posted, so waited for. */
    private static String requestOf(Application app) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            String id = app.alertStore().open().stream().filter(x -> x.probe().equals("alertmanager")).findFirst()
                    .orElseThrow().requestId();
            if (id != null) {
                return id;
            }
            Thread.sleep(50);
        }
        return null;
    }

    @Test
    void aNotificationOpensAnIncidentInSlackWithTheMappedFixAndItsResolutionRecoversIt() throws Exception {
        SlurmopsConfig config = new ConfigLoader(Map.of("STATE", state.toString(), "AM_TOKEN", "s3cret")).parse("""
                store:
                  url: jdbc:h2:file:${STATE}/store
                access:
                  users: {"slack:U222": operator}
                alerts:
                  channel: slack:C111
                  interval: 1h
                  nodesInterval: 1h
                alertmanager:
                  enabled: true
                  port: 0
                  auth: {secret: "${AM_TOKEN}"}
                  fixes:
                    - alertname: SlurmNodeDown
                      command: restart slurmd {node}
                """, "test");
        ChatConfig chat = new ChatConfig(Optional.of(new SlackSettings(FakeSlackWebApi.BOT_TOKEN,
                FakeSlackWebApi.APP_TOKEN, web.apiUrl(), Set.of("C111"), OutsideChannels.IGNORE, false)), Optional.empty());
        try (Application app = Application.startLongRunning(config);
             ChatAdapters adapters = ChatAdapters.start(chat, config.prefix(), app.bot())) {
            app.startAlerts("slack", "C111", adapters.channel("slack:C111"));
            int port = app.alertmanager().orElseThrow().port();

            assertThat(post(port, notification("firing"), "wrong").statusCode()).isEqualTo(401);
            assertThat(post(port, notification("firing"), "s3cret").statusCode()).isEqualTo(200);
            FakeSlackWebApi.Call opened = web.await("chat.postMessage", c -> c.get("text").contains("SlurmNodeDown"));
            assertThat(opened.get("channel")).isEqualTo("C111");
            assertThat(opened.get("thread_ts")).isNull();
            assertThat(opened.get("text") + opened.get("blocks")).contains("restart slurmd node003");
            assertThat(web.calls("chat.postMessage")).noneMatch(c -> c.get("text").contains("wrong"));
            String ts = app.alertStore().open().stream().filter(i -> i.probe().equals("alertmanager"))
                    .findFirst().orElseThrow().messageId();

            // One ✅ from an operator turns the mapped fix into a change request, answered in the alert's thread
            // (no controller answers here, so planning refuses it; it never runs without approval anyway).
            socket.sendFrame(SlackFrames.reaction("Ev9", "U222", "white_check_mark", "C111", ts));
            FakeSlackWebApi.Call request = web.await("chat.postMessage", c -> ts.equals(c.get("thread_ts")));
            assertThat(request.get("text")).contains("#1");
            assertThat(requestOf(app)).isEqualTo("1");

            assertThat(post(port, notification("resolved"), "s3cret").statusCode()).isEqualTo(200);
            FakeSlackWebApi.Call recovered = web.await("chat.postMessage", c -> c.get("text").contains("RECOVERED"));
            assertThat(recovered.get("thread_ts")).isEqualTo(ts);
        }
    }
}
