package io.slurmops.bot.lab;

import io.slurmops.adapters.chat.OutsideChannels;
import io.slurmops.adapters.chat.slack.FakeSlackWebApi;
import io.slurmops.adapters.chat.slack.FakeSocketMode;
import io.slurmops.adapters.chat.slack.SlackFrames;
import io.slurmops.adapters.chat.slack.SlackSettings;
import io.slurmops.adapters.store.RequestRecord;
import io.slurmops.adapters.store.RequestState;
import io.slurmops.bot.alerts.Incident;
import io.slurmops.bot.config.ChatConfig;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.wiring.Application;
import io.slurmops.bot.wiring.ChatAdapters;
import io.slurmops.testing.LabCluster;
import io.slurmops.testing.LabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static io.slurmops.bot.lab.LabWaits.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Alertmanager intake against the lab: a running bot (the lab configuration, real SSH to the
 * nodes) with its webhook and Slack through the wire-level fake. A SlurmNodeDown notification for the
 * node whose slurmd the test killed opens an incident in Slack with the mapped fix; an operator's ✅
 * requests it, an approver's ✅ on the plan runs it and really restarts that slurmd; the resolved
 * notification recovers the incident in its thread; a wrong token gets 401 and posts nothing.
 */
@LabTest
class AlertmanagerLabTest {

    private static final String TOKEN = "am-lab-token";
    private static final String CHANNEL = "C0ALERTS";
    private static final String OPERATOR = "U222";
    private static final String APPROVER = "U333";

    private final HttpClient http = HttpClient.newHttpClient();
    private FakeSocketMode socket;
    private FakeSlackWebApi web;
    private Application app;
    private ChatAdapters adapters;
    private Path state;

    @AfterEach
    void closeAndRestore() throws Exception {
        // The bot first (it posts nothing about the restore), then the fakes, then heal the lab.
        if (adapters != null) {
            adapters.close();
        }
        if (app != null) {
            app.close();
        }
        if (web != null) {
            web.close();
        }
        if (socket != null) {
            socket.shutdown();
        }
        LabCluster.restore();
        if (state != null) {
            try (Stream<Path> files = Files.walk(state)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aSlurmNodeDownNotificationOpensAnIncidentWhoseApprovedFixRestartsTheRealSlurmd() throws Exception {
        String node = SlurmopsProcess.idleNode("node004", "node003", "node002", "node001");
        int port = startBot();
        Path pidFile = Path.of("/var/lib/slurmlab/slurm/run/slurmd-" + node + ".pid");
        String killed = Files.readString(pidFile).strip();
        assertThat(LabCluster.exec(List.of("kill", "-KILL", killed), 20).exitCode()).isZero();
        awaitTrue("slurmd on " + node + " gone", Duration.ofSeconds(10), () -> !slurmdActive(node));

        assertThat(post(port, notification("firing", node), "wrong-token").statusCode()).isEqualTo(401);
        assertThat(post(port, notification("firing", node), TOKEN).statusCode()).isEqualTo(200);
        FakeSlackWebApi.Call opened = web.await("chat.postMessage", c -> c.get("text").contains("SlurmNodeDown"));
        assertThat(opened.get("channel")).isEqualTo(CHANNEL);
        assertThat(opened.get("thread_ts")).as("the incident is a top-level message").isNull();
        assertThat(opened.get("text") + opened.get("blocks")).contains("restart slurmd " + node);
        Incident incident = app.alertStore().open().stream().filter(i -> i.probe().equals("alertmanager"))
                .findFirst().orElseThrow();
        String alertTs = incident.messageId();

        // The operator's ✅ requests the mapped fix as a plan; nothing runs yet.
        socket.sendFrame(SlackFrames.reaction("EvLab1", OPERATOR, "white_check_mark", CHANNEL, alertTs));
        RequestRecord request = awaitRequest();
        assertThat(request.line()).isEqualTo("!slurm restart slurmd " + node);
        assertThat(request.state()).isEqualTo(RequestState.PENDING);
        assertThat(slurmdActive(node)).as("slurmd before the approval").isFalse();

        // The approver's ✅ on the plan runs it over SSH on the node.
        socket.sendFrame(SlackFrames.reaction("EvLab2", APPROVER, "white_check_mark", CHANNEL, request.messageId()));
        awaitTrue("request #" + request.id() + " succeeded", Duration.ofSeconds(60),
                () -> request(request.id()).state() == RequestState.SUCCEEDED);
        awaitTrue("slurmd on " + node + " active again", Duration.ofSeconds(10), () -> slurmdActive(node));
        assertThat(Files.readString(pidFile).strip()).as("a new slurmd process").isNotEqualTo(killed);
        awaitTrue("sinfo shows " + node + " idle", Duration.ofSeconds(30), () -> LabCluster.exec(List.of("sinfo", "-h",
                "-n", node, "-o", "%T"), 20).output().strip().equals("idle"));

        assertThat(post(port, notification("resolved", node), TOKEN).statusCode()).isEqualTo(200);
        FakeSlackWebApi.Call recovered = web.await("chat.postMessage", c -> c.get("text").contains("RECOVERED"));
        assertThat(recovered.get("thread_ts")).isEqualTo(alertTs);
        assertThat(app.alertStore().latest(incident.key()).orElseThrow().isOpen()).isFalse();
        assertThat(web.calls("chat.postMessage")).as("top-level posts: the incident only")
                .filteredOn(c -> c.get("thread_ts") == null).hasSize(1);
    }

    private int startBot() throws Exception {
        state = Files.createTempDirectory("alertmanager-lab");
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        ConfigLoader loader = new ConfigLoader(Map.of("SLURMOPS_STATE", state.toString(), "AM_TOKEN", TOKEN));
        SlurmopsConfig lab = loader.load(LabCluster.repoRoot().resolve("config/lab.yaml"));
        // Slack people, the webhook, a health watch that polls once at start and then stays out of the way, and
        // no daily backup (its schedule holds the bot's stop for 30 s).
        SlurmopsConfig own = loader.parse("""
                access:
                  users: {"slack:%s": operator, "slack:%s": approver}
                backups:
                  dir: ${SLURMOPS_STATE}/backups
                alerts:
                  interval: 1h
                  nodesInterval: 1h
                  triggers: false
                alertmanager:
                  enabled: true
                  port: 0
                  auth: {secret: "${AM_TOKEN}"}
                  fixes:
                    - alertname: SlurmNodeDown
                      command: restart slurmd {node}
                """.formatted(OPERATOR, APPROVER), "alertmanager-lab");
        SlurmopsConfig config = new SlurmopsConfig(lab.source(), lab.prefix(), lab.site(), lab.ssh(), lab.store(),
                own.access(), lab.approvals(), lab.console(), own.alerts(), lab.accountingDb(), lab.runbooks(),
                own.backups(), own.alertmanager(), lab.escalation(), lab.metrics(), lab.privilege(), lab.incidents());
        socket = new FakeSocketMode();
        socket.startAndWait();
        web = new FakeSlackWebApi(socket::url);
        app = Application.startLongRunning(config);
        ChatConfig chat = new ChatConfig(Optional.of(new SlackSettings(FakeSlackWebApi.BOT_TOKEN,
                FakeSlackWebApi.APP_TOKEN, web.apiUrl(), Set.of(CHANNEL), OutsideChannels.IGNORE, false)), Optional.empty());
        adapters = ChatAdapters.start(chat, config.prefix(), app.bot());
        app.startAlerts("slack", CHANNEL, adapters.channel("slack:" + CHANNEL));
        return app.alertmanager().orElseThrow().port();
    }

    /** An Alertmanager v4 webhook payload with one SlurmNodeDown alert for {@code node}. */
    private static String notification(String status, String node) {
        return """
                {"version":"4","groupKey":"{}:{alertname=\\"SlurmNodeDown\\"}","truncatedAlerts":0,"status":"%s",
                 "receiver":"slurmops","groupLabels":{"alertname":"SlurmNodeDown"},
                 "commonLabels":{"alertname":"SlurmNodeDown","severity":"critical","node":"%s","job":"slurm"},
                 "commonAnnotations":{},"externalURL":"http://alertmanager.lab:9093",
                 "alerts":[{"status":"%s","labels":{"alertname":"SlurmNodeDown","severity":"critical","node":"%s",
                   "job":"slurm"},"annotations":{"summary":"slurmd on %s does not answer"},
                   "startsAt":"2026-12-03T10:00:00Z","endsAt":"0001-01-01T00:00:00Z",
                   "generatorURL":"http://prometheus.lab:9090/graph","fingerprint":"a1b2c3d4e5f60718"}]}
                """.formatted(status, node, status, node, node);
    }

    private HttpResponse<String> post(int port, String body, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/alertmanager"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The request the operator's ✅ opened; the incident records it just after the plan is posted. */
    private RequestRecord awaitRequest() throws Exception {
        String[] id = new String[1];
        awaitTrue("the fix requested from the incident", Duration.ofSeconds(30), () -> {
            id[0] = app.alertStore().open().stream().filter(i -> i.probe().equals("alertmanager")).findFirst()
                    .map(Incident::requestId).orElse(null);
            return id[0] != null;
        });
        RequestRecord r = request(Long.parseLong(id[0]));
        assertThat(r.messageId()).as("the plan's message").isNotNull();
        return r;
    }

    private RequestRecord request(long id) {
        return app.approvals().store().transaction(tx -> tx.request(id)).orElseThrow();
    }

    private static boolean slurmdActive(String node) throws Exception {
        return LabCluster.onNode(node, "systemctl", "is-active", "slurmd").exitCode() == 0;
    }
}
