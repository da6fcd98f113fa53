package io.slurmops.bot.alerts;

import io.slurmops.bot.alerts.alertmanager.AlertmanagerIntake;
import io.slurmops.bot.config.AlertmanagerConfig;
import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.change.ChangeCommands;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.reply.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Real HTTP posts against the real webhook on 127.0.0.1, into the real incident machinery. */
@Timeout(30)
class AlertmanagerIntakeTest {

    private static final String TOKEN = "am-test-token";
    private static final String GROUP = "{}/{job=\"slurm\"}:{alertname=\"SlurmNodeDown\"}";

    private final RecordingChannel channel = new RecordingChannel();
    private final InMemoryAlertStore store = new InMemoryAlertStore();
    private final HttpClient http = HttpClient.newHttpClient();
    private AlertService service;
    private AlertmanagerIntake intake;

    private AlertmanagerConfig config(AlertmanagerConfig.AuthType auth, String user) {
        return new AlertmanagerConfig(true, "127.0.0.1", 0, "/alertmanager", 64 * 1024, auth, user, TOKEN, "",
                List.of(new AlertmanagerConfig.FixRule("SlurmNodeDown", Map.of("job", "slurm"), "restart slurmd {node}")));
    }

    private void start(AlertmanagerConfig config) throws Exception {
        service = new AlertService(List.of(), new IncidentTracker(store, 2, Duration.ofMinutes(10)), store,
                new AlertPoster(channel, "test", "alerts", KnowledgeBase.builtIn(), "!slurm", "lab"), () -> null,
                Clock.systemUTC());
        intake = AlertmanagerIntake.start(config, service, new CommandCatalog("!slurm", ChangeCommands.all()));
    }

    @BeforeEach
    void up() throws Exception {
        start(config(AlertmanagerConfig.AuthType.BEARER, ""));
    }

    @AfterEach
    void down() {
        intake.close();
        service.close();
    }

    static String notification(String status, String node, String fingerprint) {
        return """
                {"version":"4","groupKey":%s,"truncatedAlerts":0,"status":"%s","receiver":"slurmops",
                 "groupLabels":{"alertname":"SlurmNodeDown"},"commonLabels":{},"commonAnnotations":{},
                 "externalURL":"http://am:9093",
                 "alerts":[{"status":"%s","labels":{"alertname":"SlurmNodeDown","job":"slurm","severity":"critical",
                   "node":%s},"annotations":{"summary":"slurmd on the node does not answer"},
                   "startsAt":"2026-12-03T10:00:00Z","endsAt":"0001-01-01T00:00:00Z",
                   "generatorURL":"http://prom:9090/graph","fingerprint":"%s"}]}
                """.formatted(json(GROUP), status, status, json(node), fingerprint);
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private HttpResponse<String> post(String body, String contentType, String authorization) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + intake.port() + "/alertmanager"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post(body, "application/json", "Bearer " + TOKEN);
    }

    @Test
    void firingOpensOneIncidentWithTheMappedFixRepeatsDoNotRepostAndResolvedRecoversInItsThread() throws Exception {
        assertThat(post(notification("firing", "node003", "a1b2c3d4e5f60718")).statusCode()).isEqualTo(200);
        assertThat(channel.topLevel()).hasSize(1);
        RecordingChannel.Post opened = channel.topLevel().get(0);
        assertThat(opened.forVote()).isTrue();
        assertThat(opened.reply().toString()).contains("SlurmNodeDown").contains("`!slurm restart slurmd node003`");
        Incident i = store.open().get(0);
        assertThat(i.probe()).isEqualTo("alertmanager");
        assertThat(i.subject()).isEqualTo("node003");
        assertThat(i.severity()).isEqualTo(Status.CRITICAL);
        assertThat(i.repair()).isEqualTo("restart slurmd node003");
        assertThat(i.key()).endsWith(":a1b2c3d4e5f60718");

        // Alertmanager repeats a firing group every repeat_interval: nothing new to say.
        assertThat(post(notification("firing", "node003", "a1b2c3d4e5f60718")).statusCode()).isEqualTo(200);
        assertThat(channel.posts).hasSize(1);

        assertThat(post(notification("resolved", "node003", "a1b2c3d4e5f60718")).statusCode()).isEqualTo(200);
        assertThat(store.open()).isEmpty();
        assertThat(channel.posts).hasSize(2);
        assertThat(channel.posts.get(1).parent()).isEqualTo(opened.id());
        assertThat(channel.posts.get(1).reply().toString()).contains("RECOVERED");
        // A second resolved notification changes nothing.
        assertThat(post(notification("resolved", "node003", "a1b2c3d4e5f60718")).statusCode()).isEqualTo(200);
        assertThat(channel.posts).hasSize(2);
    }

    @Test
    void anotherFingerprintInTheSameGroupIsAnotherIncident() throws Exception {
        post(notification("firing", "node003", "aaaa"));
        post(notification("firing", "node004", "bbbb"));
        assertThat(channel.topLevel()).hasSize(2);
        assertThat(store.open()).extracting(Incident::subject).containsExactlyInAnyOrder("node003", "node004");
    }

    @Test
    void aLabelThatIsNotAPlainWordNeverReachesACommand() throws Exception {
        assertThat(post(notification("firing", "node001; rm -rf /", "c0ffee")).statusCode()).isEqualTo(200);
        RecordingChannel.Post opened = channel.topLevel().get(0);
        assertThat(opened.forVote()).isFalse();
        assertThat(opened.reply().toString()).contains("no fix offered").doesNotContain("restart slurmd node001");
        assertThat(store.open().get(0).repair()).isEmpty();
    }

    @Test
    void aLabelThatBreaksTheCommandsTypedGrammarIsRefusedToo() throws Exception {
        // one plain word, but not a host list: the restart command's own argument type says no
        post(notification("firing", "node[001", "c0ffee"));
        assertThat(store.open().get(0).repair()).isEmpty();
        assertThat(channel.topLevel().get(0).reply().toString()).contains("no fix offered");
    }

    @Test
    void alertsWithoutAMatchingRuleHaveNoFix() throws Exception {
        post(notification("firing", "node003", "abc").replace("\"job\":\"slurm\"", "\"job\":\"other\""));
        assertThat(store.open().get(0).repair()).isEmpty();
        assertThat(channel.topLevel().get(0).forVote()).isFalse();
    }

    @Test
    void aSilenceCoversAlertsFromAlertmanagerBySubjectOrSource() throws Exception {
        Instant now = Instant.now();
        store.addSilence("node003", now.plusSeconds(3600), "maintenance", "test", now);
        post(notification("firing", "node003", "abc"));
        assertThat(channel.posts).isEmpty();
        assertThat(store.open()).hasSize(1);
        store.addSilence("alertmanager", now.plusSeconds(3600), "all of them", "test", now);
        post(notification("firing", "node004", "def"));
        assertThat(channel.posts).isEmpty();
    }

    @Test
    void wrongOrMissingCredentialsGet401AndNothingElse() throws Exception {
        String body = notification("firing", "node003", "abc");
        assertThat(post(body, "application/json", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(post(body, "application/json", null).statusCode()).isEqualTo(401);
        assertThat(post(body, "application/json", "Basic " + b64("x:" + TOKEN)).statusCode()).isEqualTo(401);
        assertThat(channel.posts).isEmpty();
        assertThat(store.open()).isEmpty();
    }

    @Test
    void basicAuthIsAcceptedWhenConfigured() throws Exception {
        down();
        start(config(AlertmanagerConfig.AuthType.BASIC, "alertmanager"));
        String body = notification("firing", "node003", "abc");
        assertThat(post(body, "application/json", "Bearer " + TOKEN).statusCode()).isEqualTo(401);
        assertThat(post(body, "application/json", "Basic " + b64("alertmanager:wrong")).statusCode()).isEqualTo(401);
        assertThat(post(body, "application/json", "Basic " + b64("alertmanager:" + TOKEN)).statusCode()).isEqualTo(200);
        assertThat(channel.topLevel()).hasSize(1);
    }

    @Test
    void malformedNotificationsGet400AndTheWebhookKeepsWorking() throws Exception {
        assertThat(post("{not json").statusCode()).isEqualTo(400);
        assertThat(post("[]").statusCode()).isEqualTo(400);
        assertThat(post(notification("firing", "node003", "abc").replace("\"version\":\"4\"", "\"version\":\"3\""))
                .statusCode()).isEqualTo(400);
        assertThat(post(notification("firing", "node003", "ab-cd")).statusCode()).isEqualTo(400);
        assertThat(post(notification("pending", "node003", "abc")).statusCode()).isEqualTo(400);
        HttpResponse<String> r = post(notification("firing", "node003", "abc").replace("\"node\":\"node003\"", "\"node\":3"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("labels.node must be a string");
        assertThat(channel.posts).isEmpty();
        assertThat(post(notification("firing", "node003", "abc")).statusCode()).isEqualTo(200);
        assertThat(channel.topLevel()).hasSize(1);
    }

    @Test
    void anOversizedBodyGets413() throws Exception {
        String big = notification("firing", "node003", "abc").replace("slurmd on the node does not answer",
                "x".repeat(70 * 1024));
        assertThat(post(big).statusCode()).isEqualTo(413);
        assertThat(channel.posts).isEmpty();
    }

    @Test
    void anotherContentTypeGets415AndOtherMethods405() throws Exception {
        assertThat(post(notification("firing", "node003", "abc"), "text/plain", "Bearer " + TOKEN).statusCode())
                .isEqualTo(415);
        assertThat(post(notification("firing", "node003", "abc"), "application/json; charset=utf-8",
                "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + intake.port() + "/alertmanager")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + intake.port() + "/alertmanager/x")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(404);
    }

    @Test
    void labelAndAnnotationTextCannotMentionEveryoneOrBreakMarkup() throws Exception {
        post(notification("firing", "node003", "abc").replace("slurmd on the node does not answer",
                "<!channel> @everyone `code` \\u0007bell"));
        String shown = channel.topLevel().get(0).reply().toString();
        assertThat(shown).doesNotContain("<!channel>").doesNotContain("@everyone").doesNotContain("`code`")
                .doesNotContain("\u0007");
    }

    @Test
    void theSecretCanComeFromAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        down();
        java.nio.file.Path file = dir.resolve("am.token");
        java.nio.file.Files.writeString(file, "from-a-file\n");
        start(new AlertmanagerConfig(true, "127.0.0.1", 0, "/alertmanager", 64 * 1024,
                AlertmanagerConfig.AuthType.BEARER, "", "", file.toString(), List.of()));
        String body = notification("firing", "node003", "abc");
        assertThat(post(body, "application/json", "Bearer " + TOKEN).statusCode()).isEqualTo(401);
        assertThat(post(body, "application/json", "Bearer from-a-file").statusCode()).isEqualTo(200);
    }

    @Test
    void anInstanceThatDoesNotLeadTheHealthWatchAnswers503SoAlertmanagerRetries() throws Exception {
        down();
        service = new AlertService(List.of(), new IncidentTracker(store, 2, Duration.ofMinutes(10)), store,
                new AlertPoster(channel, "test", "alerts", KnowledgeBase.builtIn(), "!slurm", "lab"), () -> null,
                Clock.systemUTC(), () -> false);
        intake = AlertmanagerIntake.start(config(AlertmanagerConfig.AuthType.BEARER, ""), service,
                new CommandCatalog("!slurm", ChangeCommands.all()));
        assertThat(post(notification("firing", "node003", "abc")).statusCode()).isEqualTo(503);
        assertThat(channel.posts).isEmpty();
        assertThat(store.open()).isEmpty();
    }

    @Test
    void aRuleNamingNoCommandOfTheBotStopsTheStart() {
        AlertmanagerConfig bad = new AlertmanagerConfig(true, "127.0.0.1", 0, "/alertmanager", 1024,
                AlertmanagerConfig.AuthType.BEARER, "", TOKEN, "",
                List.of(new AlertmanagerConfig.FixRule("X", Map.of(), "reboot-the-world {node}")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AlertmanagerIntake.start(bad, service,
                new CommandCatalog("!slurm", ChangeCommands.all()))).hasMessageContaining("not a command of this bot");
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
