package io.slurmops.bot.alerts;

import io.slurmops.commands.alerts.HealthProbe;
import io.slurmops.commands.alerts.Observation;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.reply.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery at once: a recovery is dated at the first clean check (not at the poll that confirmed it),
 * and after an approved change the probes with open incidents are re-checked at once and confirmed by
 * quick polls instead of whole intervals.
 */
@Timeout(30)
class RecoveryAtOnceTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    /** A clock the test (or the probe, one second per check) moves; read from the alert thread too. */
    static final class TestClock extends Clock {
        private volatile Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    /**
     * The cluster edge: each check returns the next scripted answer (the last one repeats), counts
     * itself and moves the clock one second, so every check has its own time. Its interval is an hour:
     * only the follow-ups under test poll it.
     */
    final class SequenceProbe implements HealthProbe {
        final Deque<List<Observation>> answers = new ArrayDeque<>();
        final AtomicInteger checks = new AtomicInteger();
        final List<Long> checkedAtNanos = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "nodes";
        }

        @Override
        public Duration interval() {
            return Duration.ofHours(1);
        }

        @Override
        public synchronized List<Observation> observe(CommandContext context) {
            checks.incrementAndGet();
            checkedAtNanos.add(System.nanoTime());
            clock.advance(Duration.ofSeconds(1));
            return answers.size() > 1 ? answers.poll() : answers.peek();
        }
    }

    private final TestClock clock = new TestClock();
    private final SequenceProbe probe = new SequenceProbe();
    private final RecordingChannel channel = new RecordingChannel();
    private final InMemoryAlertStore store = new InMemoryAlertStore();
    private final AlertService service = new AlertService(List.of(probe),
            new IncidentTracker(store, 2, Duration.ofMinutes(10)), store,
            new AlertPoster(channel, "test", "alerts", KnowledgeBase.builtIn(), "!slurm", "lab"), () -> null, clock);

    @AfterEach
    void close() {
        service.close();
    }

    private static List<Observation> down(String node) {
        return List.of(Observation.of("nodes", node, Status.CRITICAL, node + " is down*: Not responding",
                "node-not-responding", "restart slurmd " + node));
    }

    private void answers(List<List<Observation>> script) {
        probe.answers.clear();
        probe.answers.addAll(script);
    }

    private Incident incident(String node) {
        return store.latest("nodes:" + node).orElseThrow();
    }

    private String recoveryTitle() {
        return channel.posts.stream().map(p -> p.reply().title()).filter(t -> t.contains("RECOVERED")).findFirst()
                .orElseThrow(() -> new AssertionError("no recovery posted: " + channel.posts));
    }

    // ---- the recovery time --------------------------------------------------------------------------

    @Test
    void theRecoveryIsDatedAtTheFirstCleanPollNotAtTheOneThatConfirmedIt() {
        answers(List.of(down("node003")));
        service.poll(probe);                                   // seen at T0+1s
        answers(List.of(List.of()));
        clock.advance(Duration.ofSeconds(9));
        service.poll(probe);                                   // first clean check: T0+11s
        clock.advance(Duration.ofSeconds(59));
        service.poll(probe);                                   // confirmed at T0+71s
        assertThat(incident("node003").resolvedAt()).isEqualTo(T0.plusSeconds(11));
        assertThat(recoveryTitle()).contains("RECOVERED after 10s");
    }

    @Test
    void aFaultSeenBetweenCleanPollsStartsTheCleanRunOver() {
        answers(List.of(down("node001")));
        service.poll(probe);                                   // T0+1s
        answers(List.of(List.of()));
        service.poll(probe);                                   // clean at T0+2s
        answers(List.of(down("node001")));
        service.poll(probe);                                   // back at T0+3s: still open, no recovery yet
        assertThat(incident("node001").isOpen()).isTrue();
        answers(List.of(List.of()));
        service.poll(probe);                                   // clean at T0+4s
        clock.advance(Duration.ofSeconds(30));
        service.poll(probe);                                   // confirmed at T0+35s
        assertThat(incident("node001").resolvedAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(recoveryTitle()).contains("RECOVERED after 3s");
    }

    @Test
    void aRestartMidConfirmationDatesTheRecoveryNoEarlierThanTheTruth() {
        answers(List.of(down("node002")));
        service.poll(probe);                                   // T0+1s
        answers(List.of(List.of()));
        service.poll(probe);                                   // clean at T0+2s, remembered by this tracker only
        AlertService restarted = new AlertService(List.of(probe), new IncidentTracker(store, 2, Duration.ofMinutes(10)),
                store, new AlertPoster(channel, "test", "alerts", KnowledgeBase.builtIn(), "!slurm", "lab"), () -> null,
                clock);
        clock.advance(Duration.ofSeconds(20));
        restarted.poll(probe);                                 // T0+23s: the first clean check the new process saw
        assertThat(incident("node002").resolvedAt()).isEqualTo(T0.plusSeconds(23));
        restarted.close();
    }

    // ---- re-checks after a change -------------------------------------------------------------------

    private void awaitChecks(int n) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (probe.checks.get() < n && System.nanoTime() < end) {
            Thread.sleep(5);
        }
    }

    /** Lets any further follow-up (spaced 20 ms) happen, so a count that must stay put can be checked. */
    private static void settle() throws InterruptedException {
        Thread.sleep(300);
    }

    @Test
    void afterAChangeTheProbeIsCheckedAtOnceAndTheRecoveryConfirmedByQuickPolls() throws Exception {
        service.confirmEvery(Duration.ofMillis(20));
        answers(List.of(down("node004")));
        service.poll(probe);                                   // the alert: T0+1s
        // The fix takes a moment to show: the first re-check still sees the fault, then it is gone.
        answers(List.of(down("node004"), List.of()));
        long started = System.nanoTime();
        service.afterChange();
        awaitChecks(4);
        settle();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not whole probe intervals (1 h)")
                .isLessThan(Duration.ofSeconds(5));
        // checks: T0+2s fault, T0+3s first clean, T0+4s confirming → recovered; no check after that
        assertThat(probe.checks).hasValue(4);
        assertThat(incident("node004").resolvedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(recoveryTitle()).contains("RECOVERED after 2s");
    }

    @Test
    void aChangeWithNoOpenIncidentChecksNothing() throws Exception {
        service.confirmEvery(Duration.ofMillis(20));
        answers(List.of(List.of()));
        service.afterChange();
        settle();
        assertThat(probe.checks).hasValue(0);
    }

    @Test
    void aFixThatDidNotHelpIsReCheckedOnlyForTheSettleChecksThenTheIntervalRules() throws Exception {
        service.confirmEvery(Duration.ofMillis(10));
        answers(List.of(down("node002")));
        service.poll(probe);
        service.afterChange();
        awaitChecks(1 + AlertService.SETTLE_CHECKS);
        settle();
        assertThat(probe.checks).hasValue(1 + AlertService.SETTLE_CHECKS);
        assertThat(incident("node002").isOpen()).isTrue();
        assertThat(channel.topLevel()).hasSize(1);
    }

    @Test
    void theQuickPollsAreNoCloserThanConfirmEvery() throws Exception {
        service.confirmEvery(Duration.ofMillis(200));
        answers(List.of(down("node001")));
        service.poll(probe);
        answers(List.of(List.of()));
        long started = System.nanoTime();
        service.afterChange();
        awaitChecks(3);
        // the first clean re-check at once, the confirming one confirmEvery later
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        assertThat(incident("node001").isOpen()).isFalse();
    }

    @Test
    void twoChangesInARowShareOneChainOfReChecks() throws Exception {
        service.confirmEvery(Duration.ofMillis(300));
        answers(List.of(down("node003")));
        service.poll(probe);
        answers(List.of(List.of()));
        service.afterChange();
        service.afterChange();                                 // a second fix ran just after the first
        awaitChecks(3);
        settle();
        // two chains would confirm with two clean checks milliseconds apart; one chain spaces them
        assertThat(probe.checks).hasValue(3);
        assertThat(incident("node003").isOpen()).isFalse();
        assertThat(Duration.ofNanos(probe.checkedAtNanos.get(2) - probe.checkedAtNanos.get(1)))
                .as("first clean check to the confirming one").isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }
}
