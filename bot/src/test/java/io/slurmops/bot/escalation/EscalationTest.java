package io.slurmops.bot.escalation;

import io.slurmops.adapters.store.PageRow;
import io.slurmops.adapters.store.SlurmopsStore;
import io.slurmops.bot.alerts.AlertMessage;
import io.slurmops.bot.alerts.Incident;
import io.slurmops.bot.alerts.StoredAlertStore;
import io.slurmops.bot.audit.StoredAuditLog;
import io.slurmops.bot.config.ConfigLoader;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.commands.chat.ChatChannel;
import io.slurmops.commands.reply.Block;
import io.slurmops.commands.reply.Reply;
import io.slurmops.commands.reply.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Escalation with the real store (H2 file), the real outbox and real HTTP to a local server speaking
 * the PagerDuty Events API v2 format; only the clock is moved by hand.
 */
class EscalationTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";    // 32 characters, as PagerDuty wants
    private static final Instant T0 = Instant.parse("2026-12-03T03:00:00Z");

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private FakePagerDuty pd;
    private SlurmopsStore store;
    private StoredAlertStore alerts;
    private Acknowledgements acks;
    private Escalation escalation;
    private final Posts channel = new Posts();

    /** What the escalation posted, and on which thread. */
    static final class Posts implements ChatChannel {
        final List<String> parents = new ArrayList<>();
        final List<Reply> replies = new ArrayList<>();
        final List<String> threads = new ArrayList<>();

        @Override
        public synchronized String post(Reply reply) {
            return postInThread(null, reply);
        }

        @Override
        public synchronized String postInThread(String parent, Reply reply) {
            parents.add(parent);
            replies.add(reply);
            threads.add(Thread.currentThread().getName());
            return "m" + replies.size();
        }

        synchronized List<Reply> mentions() {
            return replies.stream().filter(r -> r.blocks().stream().anyMatch(b -> b instanceof Block.Mention)).toList();
        }

        synchronized List<String> titles() {
            return replies.stream().map(Reply::title).toList();
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        pd = new FakePagerDuty();
        Files.writeString(dir.resolve("vendor.key"), "vendor-shared-secret\n");
        SlurmopsConfig config = new ConfigLoader(Map.of("PD_KEY", KEY)).parse("""
                people:
                  alice: ["slack:U0ALICE", "discord:100000000000000031"]
                  bob: ["slack:U0BOB"]
                groups:
                  hpc-oncall: [alice, bob]
                escalation:
                  enabled: true
                  acknowledgeWithin: {critical: 5m}
                  mentions:
                    hpc-oncall: {slack: S0ONCALL}
                  levels:
                    - {name: L1, notify: [group:hpc-oncall]}
                    - {name: L2, after: 10m, notify: [pagerduty:hpc]}
                    - {name: vendor, after: 1h, notify: [webhook:vendor]}
                  pagerduty:
                    url: %s
                    services:
                      hpc: {routingKey: "${PD_KEY}"}
                  webhooks:
                    vendor: {url: "%s", secretFile: %s}
                  retry: {first: 10s, max: 2m}
                """.formatted(pd.enqueueUrl(), pd.hookUrl(), dir.resolve("vendor.key")), "test");
        store = SlurmopsStore.open("jdbc:h2:file:" + dir.resolve("store"), "", "");
        alerts = new StoredAlertStore(store);
        acks = new Acknowledgements(store, alerts, new StoredAuditLog(store), clock);
        escalation = new Escalation(config.escalation(), store, alerts, config.access().people(), channel, "hpc1",
                "!slurm", "test-instance", clock, () -> true);
    }

    @AfterEach
    void tearDown() {
        escalation.close();
        store.close();
        pd.close();
    }

    private Incident open(Status severity) {
        Incident i = new Incident(alerts.nextIncidentId(), "controller:slurmctld", "controller", "slurmctld", severity,
                "slurmctld does not answer", "ctld-down", "", T0, T0, null,
                new AlertMessage("slack", "C0ALERTS", "1764730800.000100"), 0, 0, null, null, null);
        alerts.save(i);
        return i;
    }

    private void at(Duration sinceOpened) {
        now.set(T0.plus(sinceOpened));
        escalation.runOnce();
    }

    private List<PageRow> rows(Incident i) {
        return store.transaction(tx -> tx.pagesOf(i.id()));
    }

    @Test
    void anUnacknowledgedCriticalIncidentClimbsTheLevelsOnceEach() throws Exception {
        Incident i = open(Status.CRITICAL);
        at(Duration.ofMinutes(4));
        assertThat(channel.replies).as("before the deadline nothing happens").isEmpty();

        at(Duration.ofMinutes(5));
        at(Duration.ofMinutes(6));
        assertThat(channel.mentions()).as("L1 calls the on-call group once, in the alert's thread").hasSize(1);
        assertThat(channel.parents.get(0)).isEqualTo("1764730800.000100");
        Block.Mention m = (Block.Mention) channel.mentions().get(0).blocks().get(0);
        assertThat(m.groupIds()).containsEntry("slack", "S0ONCALL");
        assertThat(m.userIds().get("slack")).containsExactly("U0ALICE", "U0BOB");
        assertThat(channel.mentions().get(0).toPlainText()).contains("@hpc-oncall (alice, bob)")
                .contains("!slurm ack " + i.id());
        assertThat(pd.calls()).as("L2 is not due yet").isEmpty();

        at(Duration.ofMinutes(15));
        at(Duration.ofMinutes(16));
        assertThat(pd.events("trigger")).as("L2 pages PagerDuty once").hasSize(1);
        FakePagerDuty.Call trigger = pd.events("trigger").get(0);
        assertThat(trigger.answered()).isEqualTo(202);
        assertThat(trigger.body().path("dedup_key").asText()).isEqualTo("slurmops/hpc1/incident/" + i.id());
        assertThat(trigger.body().path("payload").path("severity").asText()).isEqualTo("critical");
        assertThat(trigger.body().path("payload").path("summary").asText()).contains("slurmctld does not answer");
        assertThat(channel.titles()).contains("L2: paged pagerduty:hpc for incident #" + i.id());

        at(Duration.ofMinutes(65));
        FakePagerDuty.Call hook = pd.await("the vendor webhook", c -> c.path().equals("/hook"), Duration.ofSeconds(5));
        String ts = hook.header("X-Slurmops-Timestamp");
        assertThat(Long.parseLong(ts)).isEqualTo(now.get().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("vendor-shared-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal((ts + "." + hook.raw())
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(hook.header("X-Slurmops-Signature")).as("the signature verifies over timestamp.body")
                .isEqualTo(expected);
        assertThat(hook.body().path("event").asText()).isEqualTo("trigger");
        assertThat(hook.body().path("incident").path("level").asText()).isEqualTo("vendor");
        at(Duration.ofMinutes(70));
        assertThat(pd.calls()).hasSize(2);
        assertThat(rows(i)).extracting(PageRow::state).containsOnly(PageRow.SENT);
    }

    @Test
    void anAcknowledgementStopsTheEscalationAndReachesPagerDutyOnceThenRecoveryResolvesIt() {
        Incident i = open(Status.CRITICAL);
        at(Duration.ofMinutes(15));
        assertThat(pd.events("trigger")).hasSize(1);

        now.set(T0.plus(Duration.ofMinutes(16)));
        assertThat(acks.acknowledge(acks.open(i.id()).orElseThrow(), "alice", "command").first()).isTrue();
        assertThat(acks.acknowledge(acks.open(i.id()).orElseThrow(), "bob", "reaction").first())
                .as("the first acknowledgement wins").isFalse();
        assertThat(alerts.latest(i.key()).orElseThrow().firstResponseAt()).isEqualTo(now.get());
        at(Duration.ofMinutes(16));
        at(Duration.ofMinutes(90));
        assertThat(pd.events("acknowledge")).hasSize(1);
        assertThat(pd.events("acknowledge").get(0).body().path("dedup_key").asText())
                .isEqualTo(pd.events("trigger").get(0).body().path("dedup_key").asText());
        assertThat(pd.calls()).as("no vendor webhook after the acknowledgement").noneMatch(c -> c.path().equals("/hook"));

        alerts.save(alerts.latest(i.key()).orElseThrow().withMessage(i.message()));
        Incident recovered = new Incident(i.id(), i.key(), i.probe(), i.subject(), i.severity(), i.summary(),
                i.diagnosisId(), i.repair(), i.openedAt(), i.lastSeenAt(), T0.plus(Duration.ofMinutes(91)), i.message(),
                0, 0, null, null, null);
        alerts.save(recovered);
        at(Duration.ofMinutes(92));
        at(Duration.ofMinutes(93));
        assertThat(pd.events("resolve")).as("recovery resolves once").hasSize(1);
        assertThat(pd.calls()).extracting(FakePagerDuty.Call::action)
                .containsExactly("trigger", "acknowledge", "resolve");
    }

    @Test
    void acknowledgedBeforeTheDeadlineNothingIsSentAndAWarningWithoutDeadlineNeverEscalates() {
        Incident critical = open(Status.CRITICAL);
        now.set(T0.plus(Duration.ofMinutes(2)));
        acks.acknowledge(critical, "alice", "reaction");
        Incident warning = new Incident(alerts.nextIncidentId(), "clock:node002", "clock", "node002", Status.WARNING,
                "clock skew", "clock-skew", "", T0, T0, null, new AlertMessage("slack", "C0ALERTS", "2.0"), 0, 0, null,
                null, null);
        alerts.save(warning);
        at(Duration.ofHours(3));
        assertThat(channel.replies).isEmpty();
        assertThat(pd.calls()).isEmpty();
    }

    @Test
    void withPagerDutyDownChatKeepsWorkingAndThePageIsRetriedWithBackoff() throws Exception {
        pd.down();
        Incident i = open(Status.CRITICAL);
        at(Duration.ofMinutes(15));
        assertThat(channel.mentions()).as("the L1 mention is not held up by the outage").hasSize(1);
        PageRow pending = rows(i).stream().filter(r -> r.target().equals("pagerduty:hpc")).findFirst().orElseThrow();
        assertThat(pending.state()).isEqualTo(PageRow.PENDING);
        assertThat(pending.attempts()).isEqualTo(1);
        assertThat(pending.lastError()).contains("PagerDuty unreachable");
        assertThat(pending.nextAt()).isEqualTo(now.get().plusSeconds(10));

        at(Duration.ofMinutes(15).plusSeconds(5));
        assertThat(rows(i).stream().filter(r -> r.target().equals("pagerduty:hpc")).findFirst().orElseThrow().attempts())
                .as("not retried before the backoff").isEqualTo(1);
        at(Duration.ofMinutes(15).plusSeconds(11));
        PageRow second = rows(i).stream().filter(r -> r.target().equals("pagerduty:hpc")).findFirst().orElseThrow();
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(second.nextAt()).as("the wait doubles").isEqualTo(now.get().plusSeconds(20));

        pd.up();
        pd.answerNext(429);
        at(Duration.ofMinutes(15).plusSeconds(31));
        assertThat(pd.events("trigger")).extracting(FakePagerDuty.Call::answered).containsExactly(429);
        at(Duration.ofMinutes(17));
        assertThat(pd.events("trigger")).extracting(FakePagerDuty.Call::answered).containsExactly(429, 202);
        at(Duration.ofMinutes(20));
        assertThat(pd.events("trigger")).as("sent once it went through, never again").hasSize(2);
        assertThat(channel.mentions()).hasSize(1);
    }

    @Test
    void anEventPagerDutyCallsInvalidIsNotRetried() throws Exception {
        SlurmopsConfig bad = new ConfigLoader(Map.of("PD_KEY", "too-short")).parse("""
                escalation:
                  enabled: true
                  acknowledgeWithin: {critical: 1m}
                  levels: [{name: L2, notify: [pagerduty:hpc]}]
                  pagerduty: {url: "%s", services: {hpc: {routingKey: "${PD_KEY}"}}}
                """.formatted(pd.enqueueUrl()), "test");
        escalation.close();
        escalation = new Escalation(bad.escalation(), store, alerts, bad.access().people(), channel, "hpc1", "!slurm",
                "test-instance", clock, () -> true);
        Incident i = open(Status.CRITICAL);
        at(Duration.ofMinutes(2));
        at(Duration.ofMinutes(30));
        assertThat(pd.calls()).hasSize(1);
        assertThat(pd.calls().get(0).answered()).isEqualTo(400);
        PageRow row = rows(i).get(0);
        assertThat(row.state()).isEqualTo(PageRow.FAILED);
        assertThat(row.lastError()).contains("Event object is invalid").contains("'routing_key' must be 32 characters");
        assertThat(pd.calls().get(0).raw()).as("the key is sent, but never stored").contains("too-short");
        assertThat(row.detail()).doesNotContain("too-short");
    }

    @Test
    void sendingHappensOffTheCallersThreadWhenScheduled() throws Exception {
        pd.down();
        open(Status.CRITICAL);
        now.set(T0.plus(Duration.ofMinutes(15)));
        long started = System.nanoTime();
        escalation.start();
        escalation.wake();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        for (int n = 0; n < 100 && channel.mentions().isEmpty(); n++) {
            Thread.sleep(20);
        }
        assertThat(channel.mentions()).hasSize(1);
        assertThat(channel.threads).as("posted by the escalation's own thread").containsOnly("escalation");
    }
}
