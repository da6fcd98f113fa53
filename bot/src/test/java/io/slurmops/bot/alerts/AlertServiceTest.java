package io.slurmops.bot.alerts;

import io.slurmops.commands.alerts.HealthProbe;
import io.slurmops.commands.alerts.Observation;
import io.slurmops.commands.alerts.ProbeUnavailableException;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.reply.Status;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertServiceTest {

    /** A probe whose observations the test sets: the cluster is the edge here, not our code. */
    static final class ScriptedProbe implements HealthProbe {
        List<Observation> next = new ArrayList<>();
        boolean unavailable;

        @Override
        public String name() {
            return "nodes";
        }

        @Override
        public Duration interval() {
            return Duration.ofSeconds(10);
        }

        @Override
        public List<Observation> observe(CommandContext context) throws ProbeUnavailableException {
            if (unavailable) {
                throw new ProbeUnavailableException("controller down");
            }
            return next;
        }
    }

    static final class SteppingClock extends Clock {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
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

    private final ScriptedProbe probe = new ScriptedProbe();
    private final SteppingClock clock = new SteppingClock();
    private final RecordingChannel channel = new RecordingChannel();
    private final InMemoryAlertStore store = new InMemoryAlertStore();

    private AlertService service(AlertStore s) {
        return new AlertService(List.of(probe), new IncidentTracker(s, 2, Duration.ofMinutes(10)), s,
                new AlertPoster(channel, "test", "alerts", KnowledgeBase.builtIn(), "!slurm", "lab"), () -> null, clock);
    }

    private static Observation down(String node) {
        return Observation.of("nodes", node, Status.CRITICAL, node + " is down*: Not responding",
                "node-not-responding", "restart slurmd " + node);
    }

    @Test
    void oneMessagePerIncidentAndRecoveryInItsThreadAfterTwoCleanPolls() {
        AlertService s = service(store);
        probe.next = List.of(down("node003"));
        s.poll(probe);
        s.poll(probe);
        s.poll(probe);
        assertThat(channel.topLevel()).hasSize(1);
        RecordingChannel.Post first = channel.posts.get(0);
        assertThat(first.forVote()).isTrue();
        assertThat(first.reply().toPlainText()).contains("node003 is down*").contains("!slurm restart slurmd node003")
                .contains("Diagnosis");

        probe.next = List.of();
        clock.advance(Duration.ofSeconds(75));
        s.poll(probe);
        assertThat(channel.posts).hasSize(1); // one clean poll is not yet a recovery
        s.poll(probe);
        assertThat(channel.posts).hasSize(2);
        RecordingChannel.Post recovery = channel.posts.get(1);
        assertThat(recovery.parent()).isEqualTo(first.id());
        assertThat(recovery.reply().title()).contains("RECOVERED after 1m 15s").contains("node003");
        assertThat(channel.reactions).containsExactly(first.id() + " white_check_mark");
    }

    @Test
    void aFaultThatReturnsWithinTheFlapWindowReopensTheSameIncident() {
        AlertService s = service(store);
        probe.next = List.of(down("node001"));
        s.poll(probe);
        probe.next = List.of();
        s.poll(probe);
        s.poll(probe);
        probe.next = List.of(down("node001"));
        clock.advance(Duration.ofMinutes(2));
        s.poll(probe);
        assertThat(channel.topLevel()).hasSize(1);
        assertThat(channel.posts.get(2).reply().title()).contains("came back (flapping, 1 time)");
        assertThat(store.open()).singleElement().satisfies(i -> assertThat(i.flaps()).isEqualTo(1));
    }

    @Test
    void anUnavailableProbeNeitherResolvesNorOpens() {
        AlertService s = service(store);
        probe.next = List.of(down("node002"));
        s.poll(probe);
        probe.unavailable = true;
        s.poll(probe);
        s.poll(probe);
        s.poll(probe);
        assertThat(store.open()).hasSize(1);
        assertThat(channel.posts).hasSize(1);
    }

    @Test
    void aRestartOnTheSameStoreDoesNotRepost() {
        probe.next = List.of(down("node004"));
        service(store).poll(probe);
        AlertService restarted = service(store);
        restarted.poll(probe);
        assertThat(channel.posts).hasSize(1);
    }

    @Test
    void silencedIncidentsArePostedOnlyWhenTheSilenceEnds() {
        AlertService s = service(store);
        store.addSilence("node003", clock.instant().plus(Duration.ofMinutes(30)), "maintenance", "bob", clock.instant());
        probe.next = List.of(down("node003"), down("node004"));
        s.poll(probe);
        assertThat(channel.topLevel()).extracting(p -> p.reply().title()).singleElement().asString().contains("node004");
        clock.advance(Duration.ofMinutes(31));
        s.poll(probe);
        assertThat(channel.topLevel()).hasSize(2);
        assertThat(channel.topLevel().get(1).reply().title()).contains("node003");
    }

    @Test
    void severityChangesAreUpdatesInTheThread() {
        AlertService s = service(store);
        probe.next = List.of(Observation.of("nodes", "node001", Status.WARNING, "node001 is idle*", "", ""));
        s.poll(probe);
        probe.next = List.of(down("node001"));
        s.poll(probe);
        assertThat(channel.topLevel()).hasSize(1);
        assertThat(channel.posts.get(1).parent()).isEqualTo(channel.posts.get(0).id());
        assertThat(channel.posts.get(1).reply().title()).contains("now CRITICAL");
    }

    @Test
    void aNewDiagnosisIsAnUpdateWithItsFixInTheThread() {
        AlertService s = service(store);
        probe.next = List.of(Observation.of("nodes", "slurmctld-primary", Status.CRITICAL, "slurmctld is DOWN",
                "controller-unreachable", "start slurmctld"));
        s.poll(probe);
        probe.next = List.of(Observation.of("nodes", "slurmctld-primary", Status.CRITICAL,
                "slurmctld is DOWN: it cannot read its state file job_state", "state-recovery-failed",
                "runbook run ctld-state-recovery"));
        s.poll(probe);
        assertThat(channel.topLevel()).hasSize(1);
        assertThat(channel.posts).hasSize(2);
        assertThat(channel.posts.get(1).parent()).isEqualTo(channel.posts.get(0).id());
        assertThat(channel.posts.get(1).reply().toPlainText()).contains("state file job_state",
                "Suggested fix now: `!slurm runbook run ctld-state-recovery`");
        assertThat(store.open()).singleElement().satisfies(i -> assertThat(i.repair()).isEqualTo("runbook run ctld-state-recovery"));
    }

    @Test
    void anInstanceWithoutTheLeaseStandsBy() {
        java.util.concurrent.atomic.AtomicBoolean leads = new java.util.concurrent.atomic.AtomicBoolean(false);
        RecordingChannel standby = new RecordingChannel();
        AlertService second = new AlertService(List.of(probe), new IncidentTracker(store, 2, Duration.ofMinutes(10)),
                store, new AlertPoster(standby, "test", "alerts", KnowledgeBase.builtIn(), "!slurm", "lab"), () -> null,
                clock,
                leads::get);
        probe.next = List.of(down("node003"));
        assertThat(second.poll(probe)).isEmpty();
        assertThat(store.open()).isEmpty();
        leads.set(true); // the leader's lease lapsed: this one takes over
        assertThat(second.poll(probe)).hasSize(1);
        assertThat(standby.topLevel()).hasSize(1);
    }

    @Test
    void nodesInAnActiveMaintenanceReservationStayQuiet() {
        String res = "ReservationName=maint StartTime=2026-11-25T09:00:00 EndTime=2026-11-25T12:00:00 "
                + "Duration=03:00:00 Nodes=node[003-004] NodeCnt=2 Flags=MAINT,SPEC_NODES State=ACTIVE\n";
        io.slurmops.commands.exec.Transport slurm = cmd -> io.slurmops.commands.exec.ExecResult.exited(cmd, 0,
                String.join(" ", cmd.argv()).equals("scontrol show res -o") ? res : "", "", Duration.ZERO);
        io.slurmops.commands.catalog.CommandContext ctx = new io.slurmops.commands.catalog.CommandContext(
                new io.slurmops.commands.site.ClusterAccess(io.slurmops.commands.site.SiteProfile.systemdDefaults("lab"),
                        slurm), KnowledgeBase.builtIn(), clock, "alerts", "!slurm");
        AlertService s = new AlertService(List.of(probe), new IncidentTracker(store, 2, Duration.ofMinutes(10)), store,
                new AlertPoster(channel, "test", "alerts", KnowledgeBase.builtIn(), "!slurm", "lab"), () -> ctx, clock);
        probe.next = List.of(down("node003"), down("node002"));
        s.poll(probe);
        assertThat(channel.topLevel()).extracting(p -> p.reply().title()).singleElement().asString().contains("node002");
        assertThat(store.open()).hasSize(2); // tracked all the same
    }
}
