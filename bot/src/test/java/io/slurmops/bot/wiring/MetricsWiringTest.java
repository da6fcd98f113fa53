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
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /metrics, /healthz and /readyz scraped from the bot as `slurmops bot` wires it (Slack through its
 * wire-level fake), on the listener it shares with the Alertmanager webhook.
 */
@Timeout(60)
class MetricsWiringTest {

    @TempDir
    Path state;

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

    private SlurmopsConfig config() throws Exception {
        return new ConfigLoader(Map.of("STATE", state.toString(), "AM_TOKEN", "s3cret")).parse("""
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
                metrics:
                  enabled: true
                  port: 0
                """, "test");
    }

    private ChatConfig chat() {
        return new ChatConfig(Optional.of(new SlackSettings(FakeSlackWebApi.BOT_TOKEN, FakeSlackWebApi.APP_TOKEN,
                web.apiUrl(), Set.of("C111"), OutsideChannels.IGNORE, false)), Optional.empty());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static final String ALERT = """
            {"version":"4","groupKey":"{}:{alertname=\\"SlurmNodeDown\\"}","status":"firing","receiver":"slurmops",
             "alerts":[{"status":"firing","labels":{"alertname":"SlurmNodeDown","severity":"critical","node":"node003"},
               "annotations":{"summary":"slurmd does not answer"},"fingerprint":"5f1a2b3c4d5e6f70"}]}
            """;

    @Test
    void aRunningBotServesItsMetricsAndHealthBesideTheWebhook() throws Exception {
        SlurmopsConfig config = config();
        try (Application app = Application.startLongRunning(config);
             ChatAdapters adapters = ChatAdapters.start(chat(), config.prefix(), app.bot())) {
            int port = app.serveHealth(adapters, "9.9.9").orElseThrow();
            app.startAlerts("slack", "C111", adapters.channel("slack:C111"));
            assertThat(app.alertmanager().orElseThrow().port()).as("one listener for both").isEqualTo(port);

            socket.sendFrame(SlackFrames.message("Ev1", "C111", "U222", "!slurm help", "1610241741.000200"));
            web.await("chat.postMessage", c -> c.get("text").contains("slurmops commands"));
            socket.sendFrame(SlackFrames.message("Ev2", "C111", "U222", "!slurm frobnicate s3cret-text", "1610241741.000300"));
            web.await("chat.postMessage", c -> "1610241741.000300".equals(c.get("thread_ts")));
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/alertmanager"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer s3cret")
                    .POST(HttpRequest.BodyPublishers.ofString(ALERT)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(200);

            // A line is counted just after its reply is posted, and the two lines run on different chat workers:
            // wait for both counts, as a scraper would see them.
            HttpResponse<String> scrape = get(port, "/metrics");
            for (long end = System.nanoTime() + 10_000_000_000L; System.nanoTime() < end
                    && !(scrape.body().contains("command=\"unknown\",outcome=\"usage\"} 1.0")
                    && scrape.body().contains("command=\"help\",outcome=\"done\"} 1.0")); ) {
                Thread.sleep(100);
                scrape = get(port, "/metrics");
            }
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
            String m = scrape.body();
            assertThat(m).contains("slurmops_commands_total{command=\"help\",outcome=\"done\"} 1.0",
                    "slurmops_commands_total{command=\"unknown\",outcome=\"usage\"} 1.0",
                    "slurmops_command_duration_seconds_bucket{command=\"help\",le=",
                    "slurmops_fanout_duration_seconds_bucket{le=",
                    "slurmops_approvals_total{outcome=\"approved\"} 0.0",
                    "slurmops_incidents_open{check=\"alertmanager\"} 1.0",
                    // every check has its series; its value depends on whether this host has a controller
                    "slurmops_incidents_open{check=\"controller\"} ",
                    "slurmops_chat_connected{platform=\"slack\"} 1.0",
                    "slurmops_chat_reconnects_total{platform=\"slack\"} 0.0",
                    "slurmops_store_duration_seconds_bucket{result=\"committed\",le=",
                    "slurmops_lease_holder{lease=\"alerts\"} 1.0",
                    "slurmops_build_info{version=\"9.9.9\"} 1",
                    "jvm_memory_used_bytes", "jvm_threads_live_threads", "process_uptime_seconds");
            // The webhook's incident was posted (the probes' first polls may have posted more).
            assertThat(m).containsPattern("slurmops_alert_latency_seconds_count [1-9]");
            // Labels hold grammar names only: nothing a person typed, no secret.
            assertThat(m).doesNotContain("frobnicate", "s3cret");

            assertThat(get(port, "/healthz").body()).isEqualTo("ok\n");
            HttpResponse<String> ready = get(port, "/readyz");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"ready\":true", "\"store\":\"ok\"", "\"chat.slack\":\"connected\"",
                    "\"lease.alerts\":\"holder\"");

            // The chat connection drops: not ready, and the body says why.
            socket.shutdown();
            HttpResponse<String> notReady = ready;
            for (int i = 0; i < 100 && notReady.statusCode() == 200; i++) {
                Thread.sleep(100);
                notReady = get(port, "/readyz");
            }
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains("\"ready\":false", "\"chat.slack\":\"disconnected\"",
                    "\"store\":\"ok\"");
            assertThat(get(port, "/healthz").statusCode()).as("still alive").isEqualTo(200);
        }
    }

    @Test
    void offByDefault() throws Exception {
        SlurmopsConfig config = new ConfigLoader(Map.of("STATE", state.toString())).parse("""
                store:
                  url: jdbc:h2:file:${STATE}/store
                """, "test");
        try (Application app = Application.startLongRunning(config)) {
            assertThat(config.metrics().enabled()).isFalse();
            assertThat(app.serveHealth(null, "1")).isEmpty();
        }
    }
}
