package io.slurmops.adapters.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The same contract on the embedded H2 file store and on MariaDB. */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"h2", "mariadb"})
class StoreContractTest {

    @Parameter
    String kind;

    private TestStores.Target target;
    private SlurmopsStore store;
    private final Instant t0 = Instant.parse("2026-11-25T10:00:00.123Z");

    @BeforeEach
    void open() throws Exception {
        target = kind.equals("h2") ? TestStores.h2() : TestStores.mariadb();
        store = target.open();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private boolean bool(SlurmopsStore.Work<Boolean> work) {
        return store.transaction(work);
    }

    private int count(SlurmopsStore.Work<Integer> work) {
        return store.transaction(work);
    }

    private long newRequest() {
        return store.transaction(tx -> tx.insertRequest(new NewRequest("drain", "!slurm drain node004 maint", "change",
                "alice", "Alice", "console", "c1", t0)));
    }

    @Test
    void migrationsAreRecordedOnceAndReopeningAppliesNothing() throws Exception {
        store.close();
        store = target.open();
        try (Connection c = DriverManager.getConnection(jdbcUrl(), target.user(), target.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT version, name FROM schema_version ORDER BY version")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getInt(1) + " " + rs.getString(2));
            }
            assertThat(rows).containsExactly("1 V1__requests_votes_audit_events.sql", "2 V2__incidents_silences.sql", "3 V3__leases.sql",
                    "4 V4__message_lookups_by_channel.sql", "5 V5__runbook_runs.sql", "7 V7__declared_incidents.sql");
        }
    }

    @Test
    void incidentsRoundTripAndTheLatestPerKeyWins() {
        long first = store.transaction(StoreTx::nextIncidentId);
        IncidentRow open = new IncidentRow(first, "nodes:node003", "nodes", "node003", "CRITICAL",
                "node003 is down*", "node-not-responding", "restart slurmd node003", t0, t0, null, null, null, null, 0,
                0, null, null, null);
        store.transaction(tx -> {
            tx.saveIncident(open);
            return null;
        });
        IncidentRow posted = new IncidentRow(first, open.key(), open.probe(), open.subject(), open.severity(),
                open.summary(), open.diagnosisId(), open.repair(), t0, t0.plusSeconds(5), null, "slack", "C1", "m7", 0, 0,
                null, null, "12");
        store.transaction(tx -> {
            tx.saveIncident(posted);
            return null;
        });
        java.util.Optional<IncidentRow> latest = store.transaction(tx -> tx.latestIncident("nodes:node003"));
        java.util.Optional<IncidentRow> byMessage = store.transaction(tx -> tx.incidentByMessage("slack", "C1", "m7"));
        List<IncidentRow> openNow = store.transaction(StoreTx::openIncidents);
        assertThat(latest).contains(posted);
        assertThat(byMessage).contains(posted);
        assertThat(openNow).containsExactly(posted);
        long second = store.transaction(StoreTx::nextIncidentId);
        assertThat(second).isGreaterThan(first);
        IncidentRow resolved = new IncidentRow(first, open.key(), open.probe(), open.subject(), open.severity(),
                open.summary(), open.diagnosisId(), open.repair(), t0, t0.plusSeconds(5), t0.plusSeconds(60), "slack",
                "C1", "m7", 2, 0, null, null, "12");
        store.transaction(tx -> {
            tx.saveIncident(resolved);
            return null;
        });
        List<IncidentRow> openAfter = store.transaction(StoreTx::openIncidents);
        List<IncidentRow> since = store.transaction(tx -> tx.incidentsSince(t0));
        assertThat(openAfter).isEmpty();
        assertThat(since).containsExactly(resolved);
    }

    @Test
    void aLeaseHasOneHolderUntilItExpires() {
        java.time.Duration ttl = java.time.Duration.ofSeconds(30);
        assertThat(bool(tx -> tx.acquireLease("alerts", "a", t0, ttl))).isTrue();
        assertThat(bool(tx -> tx.acquireLease("alerts", "b", t0.plusSeconds(10), ttl))).isFalse();
        assertThat(bool(tx -> tx.acquireLease("alerts", "a", t0.plusSeconds(20), ttl))).isTrue(); // renewed to t0+50
        assertThat(bool(tx -> tx.acquireLease("alerts", "b", t0.plusSeconds(45), ttl))).isFalse();
        assertThat(bool(tx -> tx.acquireLease("alerts", "b", t0.plusSeconds(51), ttl))).isTrue(); // a lapsed
        store.transaction(tx -> {
            tx.releaseLease("alerts", "b");
            return null;
        });
        assertThat(bool(tx -> tx.acquireLease("alerts", "a", t0.plusSeconds(52), ttl))).isTrue();
    }

    @Test
    void silencesEndAtTheirTime() {
        store.transaction(tx -> tx.addSilence("node[001-002]", t0.plusSeconds(600), "maint", "bob", t0));
        List<SilenceRow> before = store.transaction(tx -> tx.activeSilences(t0.plusSeconds(599)));
        List<SilenceRow> after = store.transaction(tx -> tx.activeSilences(t0.plusSeconds(600)));
        assertThat(before).singleElement().satisfies(s -> assertThat(s.target()).isEqualTo("node[001-002]"));
        assertThat(after).isEmpty();
    }

    private String jdbcUrl() {
        return StoreUrls.complete(target.url());
    }

    @Test
    void aRequestGoesThroughItsStatesOnlyByConditionalUpdates() {
        long id = newRequest();
        assertThat(store.transaction(tx -> tx.request(id)).orElseThrow().state()).isEqualTo(RequestState.PLANNING);
        assertThat(bool(tx -> tx.attachPlan(id, "plan\ttext\n\u2705", "ab".repeat(32), 1,
                t0.plusSeconds(900)))).isTrue();
        assertThat(bool(tx -> tx.attachPlan(id, "again", "cd".repeat(32), 1, t0))).isFalse();
        store.transaction(tx -> {
            tx.setMessage(id, "m-17");
            return null;
        });
        RequestRecord pending = store.transaction(tx -> tx.requestByMessage("console", "c1", "m-17")).orElseThrow();
        assertThat(pending.id()).isEqualTo(id);
        assertThat(pending.planText()).isEqualTo("plan\ttext\n\u2705");
        assertThat(pending.expiresAt()).isEqualTo(t0.plusSeconds(900));
        assertThat(pending.createdAt()).isEqualTo(t0);
        assertThat(bool(tx -> tx.claim(id, "host:1", t0))).as("not approved yet").isFalse();
        assertThat(bool(tx -> tx.decide(id, RequestState.PENDING, RequestState.APPROVED, t0, "ok", true)))
                .isTrue();
        assertThat(bool(tx -> tx.claim(id, "host:1", t0))).isTrue();
        assertThat(bool(tx -> tx.claim(id, "host:2", t0))).isFalse();
        assertThat(bool(tx -> tx.finish(id, RequestState.SUCCEEDED, t0.plusSeconds(2), "done", false)))
                .isTrue();
        RequestRecord done = store.transaction(tx -> tx.request(id)).orElseThrow();
        assertThat(done.state()).isEqualTo(RequestState.SUCCEEDED);
        assertThat(done.runner()).isEqualTo("host:1");
        assertThat(done.announced()).isFalse();
        List<RequestRecord> unannounced = store.transaction(tx -> tx.unannounced("console", "c1"));
        assertThat(unannounced).extracting(RequestRecord::id).contains(id);
        assertThat(bool(tx -> tx.claimAnnouncement(id))).isTrue();
        assertThat(bool(tx -> tx.claimAnnouncement(id))).isFalse();
    }

    @Test
    void onePersonOneVote() {
        long id = newRequest();
        VoteRecord bob = new VoteRecord(id, "bob", "Bob", Decision.APPROVE, "lgtm 👍", "command", t0);
        assertThat(bool(tx -> tx.insertVote(bob))).isTrue();
        assertThat(bool(tx -> tx.insertVote(new VoteRecord(id, "bob", "Bob", Decision.DENY, "", "reaction",
                t0)))).isFalse();
        List<VoteRecord> votes = store.transaction(tx -> tx.votes(id));
        assertThat(votes).containsExactly(bob);
    }

    @Test
    void aDeliveryIsSeenOnceAndOldOnesAreForgotten() {
        assertThat(bool(tx -> tx.firstDelivery("slack", "Ev01", t0))).isTrue();
        assertThat(bool(tx -> tx.firstDelivery("slack", "Ev01", t0.plusSeconds(60)))).isFalse();
        assertThat(bool(tx -> tx.firstDelivery("discord", "Ev01", t0))).isTrue();
        assertThat(count(tx -> tx.forgetDeliveriesBefore(t0.plusSeconds(1)))).isEqualTo(2);
        assertThat(bool(tx -> tx.firstDelivery("slack", "Ev01", t0))).isTrue();
    }

    @Test
    void theAuditKeepsEveryFieldAndReadsBackInOrder() {
        long id = newRequest();
        AuditEntry step = AuditEntry.of(AuditKind.STEP, t0).request(id).actor("slurmops", "vm:1").where("console", "c1")
                .line("!slurm drain node004 maint").planHash("ab".repeat(32)).detail("step 1 ✅")
                .execution("node[001-003]=0 node004=1", 1234, "cd".repeat(32)).build();
        store.transaction(tx -> tx.append(AuditEntry.of(AuditKind.REQUESTED, t0).request(id).actor("alice", "Alice")
                .line("!slurm drain node004 maint").build()));
        store.transaction(tx -> tx.append(step));
        store.transaction(tx -> tx.append(AuditEntry.of(AuditKind.READ, t0).actor("carol", "Carol").line("x".repeat(5000))
                .build()));
        List<AuditEntry> trail = store.transaction(tx -> tx.auditOf(id));
        assertThat(trail).extracting(AuditEntry::kind).containsExactly(AuditKind.REQUESTED, AuditKind.STEP);
        AuditEntry back = trail.get(1);
        assertThat(back).usingRecursiveComparison().ignoringFields("id").isEqualTo(step);
        List<AuditEntry> recent = store.transaction(tx -> tx.recentAudit(2));
        assertThat(recent).extracting(AuditEntry::kind).containsExactly(AuditKind.STEP, AuditKind.READ);
        assertThat(recent.get(1).commandLine()).hasSize(2000).endsWith("…");
        assertThat(recent.get(1).requestId()).isZero();
    }

    @Test
    void concurrentClaimsHaveExactlyOneWinner() throws Exception {
        long id = newRequest();
        store.transaction(tx -> tx.attachPlan(id, "p", "ab".repeat(32), 1, t0.plusSeconds(900)));
        store.transaction(tx -> tx.decide(id, RequestState.PENDING, RequestState.APPROVED, t0, "ok", true));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Boolean>> wins = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String runner = "host:" + i;
                Callable<Boolean> claim = () -> {
                    go.await();
                    return store.transaction(tx -> tx.claim(id, runner, t0));
                };
                wins.add(pool.submit(claim));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> f : wins) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLockedRequestSerializesConcurrentTransactions() throws Exception {
        long id = newRequest();
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> seen = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String voter = "v" + i;
                seen.add(pool.submit(() -> {
                    go.await();
                    // lock, then count and insert: under the lock each one sees all earlier votes
                    return store.transaction(tx -> {
                        tx.lockRequest(id);
                        int before = tx.votes(id).size();
                        tx.insertVote(new VoteRecord(id, voter, voter, Decision.APPROVE, "", "command", t0));
                        return before;
                    });
                }));
            }
            go.countDown();
            Set<Integer> counts = new java.util.TreeSet<>();
            for (Future<Integer> f : seen) {
                counts.add(f.get());
            }
            assertThat(counts).containsExactly(0, 1, 2, 3, 4, 5);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- a message id is unique only per channel (a Slack ts): lookups never cross channels

    private java.util.Optional<RequestRecord> planByMessage(String platform, String channel, String messageId) {
        return store.transaction(tx -> tx.requestByMessage(platform, channel, messageId));
    }

    private java.util.Optional<IncidentRow> incidentByMessage(String platform, String channel, String messageId) {
        return store.transaction(tx -> tx.incidentByMessage(platform, channel, messageId));
    }

    private long planIn(String channel, String messageId) {
        long id = store.transaction(tx -> tx.insertRequest(new NewRequest("drain", "!slurm drain node004 maint",
                "change", "alice", "Alice", "slack", channel, t0)));
        store.transaction(tx -> {
            tx.attachPlan(id, "plan " + channel, "ab".repeat(32), 1, t0.plusSeconds(900));
            tx.setMessage(id, messageId);
            return null;
        });
        return id;
    }

    @Test
    void twoPlansWithTheSameMessageIdInTwoChannelsAreTwoPlans() {
        long inA = planIn("C0A", "1764064800.000100");
        long inB = planIn("C0B", "1764064800.000100");
        assertThat(planByMessage("slack", "C0A", "1764064800.000100"))
                .hasValueSatisfying(r -> assertThat(r.id()).isEqualTo(inA));
        assertThat(planByMessage("slack", "C0B", "1764064800.000100"))
                .hasValueSatisfying(r -> assertThat(r.id()).isEqualTo(inB));
        assertThat(planByMessage("slack", "C0C", "1764064800.000100")).isEmpty();
        assertThat(planByMessage("discord", "C0A", "1764064800.000100")).isEmpty();
        assertThat(planByMessage("slack", null, "1764064800.000100")).isEmpty();
    }

    @Test
    void twoIncidentsWithTheSameMessageIdInTwoChannelsAreTwoIncidents() {
        long first = store.transaction(StoreTx::nextIncidentId);
        IncidentRow inA = new IncidentRow(first, "nodes:node003", "nodes", "node003", "CRITICAL", "node003 is down",
                "node-not-responding", "restart slurmd node003", t0, t0, null, "slack", "C0A", "1764064800.000100", 0,
                0, null, null, null);
        store.transaction(tx -> {
            tx.saveIncident(inA);
            return null;
        });
        IncidentRow inB = new IncidentRow(first + 1, "nodes:node004", "nodes", "node004", "CRITICAL",
                "node004 is down", "node-not-responding", "restart slurmd node004", t0, t0, null, "slack", "C0B",
                "1764064800.000100", 0, 0, null, null, null);
        store.transaction(tx -> {
            tx.saveIncident(inB);
            return null;
        });
        assertThat(incidentByMessage("slack", "C0A", "1764064800.000100")).contains(inA);
        assertThat(incidentByMessage("slack", "C0B", "1764064800.000100")).contains(inB);
        assertThat(incidentByMessage("slack", "C0C", "1764064800.000100")).isEmpty();
        assertThat(incidentByMessage("discord", "C0A", "1764064800.000100")).isEmpty();
    }

    /** A store written by the previous version (V1–V3) upgrades in place: rows stay, incidents gain a channel. */
    @Test
    void aVersion3StoreUpgradesKeepingItsRows() throws Exception {
        store.close();
        store = null;
        target = kind.equals("h2") ? TestStores.h2() : TestStores.mariadb();
        Dialect dialect = Dialect.of(target.url());
        try (Connection c = DriverManager.getConnection(jdbcUrl(), target.user(), target.password())) {
            c.createStatement().execute("CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, "
                    + "name VARCHAR(200) NOT NULL, applied_ms BIGINT NOT NULL)");
            for (Migrations.Migration m : Migrations.all().subList(0, 3)) {
                String text;
                try (java.io.InputStream in = Migrations.class.getResourceAsStream(
                        "/io/slurmops/adapters/store/migrations/" + m.file())) {
                    text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
                for (String sql : Migrations.statements(dialect.render(text))) {
                    c.createStatement().execute(sql);
                }
                c.createStatement().execute("INSERT INTO schema_version VALUES (" + m.version() + ", '" + m.file()
                        + "', 0)");
            }
            c.createStatement().execute("INSERT INTO incidents (id, incident_key, probe, subject, severity, summary, "
                    + "diagnosis_id, repair, opened_ms, last_seen_ms, message_id, missed_polls, flaps) VALUES (1, "
                    + "'nodes:node003', 'nodes', 'node003', 'CRITICAL', 'down', 'd', '', 0, 0, 'm-old', 0, 0)");
            c.createStatement().execute("INSERT INTO requests (state, command, line, risk, requester_id, "
                    + "requester_name, platform, channel_id, message_id, approvals_needed, created_ms, announced) "
                    + "VALUES ('PENDING', 'drain', 'l', 'change', 'alice', 'Alice', 'slack', 'C0A', 'ts-1', 1, 0, TRUE)");
        }
        store = target.open();
        java.util.Optional<IncidentRow> old = store.transaction(tx -> tx.latestIncident("nodes:node003"));
        assertThat(old).hasValueSatisfying(i -> {
            assertThat(i.messageId()).isEqualTo("m-old");
            assertThat(i.channelId()).isNull();
        });
        assertThat(incidentByMessage("slack", "C0A", "m-old")).as("no channel recorded: no match").isEmpty();
        assertThat(planByMessage("slack", "C0A", "ts-1")).hasValueSatisfying(r -> assertThat(r.line()).isEqualTo("l"));
        assertThat(planByMessage("slack", "C0B", "ts-1")).isEmpty();
    }
}
