package io.slurmops.commands.read;

import io.slurmops.commands.alerts.CheckProbe;
import io.slurmops.commands.alerts.ControllerProbe;
import io.slurmops.commands.alerts.NodeFaultDiagnoser;
import io.slurmops.commands.alerts.NodeProbe;
import io.slurmops.commands.alerts.Observation;
import io.slurmops.commands.alerts.ProbeUnavailableException;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.reply.Status;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.slurmops.commands.read.ScriptedCluster.exit;
import static io.slurmops.commands.read.ScriptedCluster.failed;
import static io.slurmops.commands.read.ScriptedCluster.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The alert probes over a scripted cluster: which fault, which diagnosis, which fix. */
class AlertProbesTest {

    private static final String SINFO = "sinfo -h -o %N|%T|%u|%H|%E";

    private static NodeProbe nodeProbe() {
        return new NodeProbe(Duration.ofSeconds(5),
                new NodeFaultDiagnoser(List.of(new CheckMungeCommand(), new ServicesCommand())));
    }

    private static ScriptedCluster healthyNodeSide(ScriptedCluster c) {
        return c.on("localhost", "systemctl is-active", ok("active\nactive\nactive\nactive\n"))
                .on("*", "systemctl is-active slurmd munge", ok("active\nactive\n"))
                .on("*", "munge -n", cmd -> ok("MUNGE:cred-of-" + cmd.host() + ":\n").apply(cmd))
                .on("localhost", "unmunge -n", ok("STATUS: Success (0)\n"));
    }

    @Test
    void aDeadSlurmdIsDiagnosedAndGetsARestart() throws ProbeUnavailableException {
        ScriptedCluster c = healthyNodeSide(ScriptedCluster.lab())
                .on("localhost", SINFO, ok("node001|idle|Unknown|Unknown|none\n"
                        + "node002|down*|slurm|2026-11-25T22:22:01|Not responding\n"))
                .on("node002", "systemctl is-active slurmd munge", exit(3, "inactive\nactive\n", ""));
        List<Observation> seen = nodeProbe().observe(c.context());
        assertThat(seen).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo("nodes:node002");
            assertThat(o.severity()).isEqualTo(Status.CRITICAL);
            assertThat(o.repair()).isEqualTo("restart slurmd node002");
            assertThat(o.summary()).contains("down*").contains("Not responding");
        });
    }

    @Test
    void aForeignMungeKeyGetsAKeySyncNotASlurmdRestart() throws ProbeUnavailableException {
        ScriptedCluster c = healthyNodeSide(ScriptedCluster.lab())
                .on("localhost", SINFO, ok("node003|down*|slurm|2026-11-25T22:22:01|Not responding\n"))
                .on("localhost", "unmunge -n", cmd -> ScriptedCluster.stdin(cmd).contains("node003")
                        ? exit(14, "", "unmunge: Error: Invalid credential\n").apply(cmd)
                        : ok("STATUS: Success (0)\n").apply(cmd));
        List<Observation> seen = nodeProbe().observe(c.context());
        assertThat(seen).singleElement().satisfies(o -> {
            assertThat(o.diagnosisId()).isEqualTo("munge-invalid-credential");
            assertThat(o.repair()).isEqualTo("sync munge node003");
            assertThat(o.summary()).contains("munge key differs");
        });
    }

    @Test
    void notRespondingOnceIsABlinkTwiceIsAFault() throws ProbeUnavailableException {
        ScriptedCluster c = healthyNodeSide(ScriptedCluster.lab())
                .on("localhost", SINFO, ok("node001|idle*|Unknown|Unknown|none\n"));
        NodeProbe probe = nodeProbe();
        assertThat(probe.observe(c.context())).isEmpty();
        assertThat(probe.observe(c.context())).singleElement()
                .satisfies(o -> assertThat(o.repair()).isEqualTo("restart slurmd node001"));
    }

    @Test
    void unknownNodesAfterAControllerRestartAreNoFaultUnlessItLasts() throws ProbeUnavailableException {
        Instant t0 = Instant.parse("2026-11-25T23:39:25Z");
        ScriptedCluster c = healthyNodeSide(ScriptedCluster.lab())
                .on("localhost", SINFO, ok("node001|unknown|Unknown|Unknown|none\nnode002|unknown|Unknown|Unknown|none\n"));
        NodeProbe probe = nodeProbe();
        // slurmctld just started: every node is "unknown" until its slurmd registers, poll after poll.
        for (int s = 0; s <= 10; s += 2) {
            assertThat(probe.observe(c.withClock(Clock.fixed(t0.plusSeconds(s), ZoneOffset.UTC)).context()))
                    .as("after %d s", s).isEmpty();
        }
        // node001 registered; node002 never does: a minute later it is worth a warning (no fix to guess).
        c.on("localhost", SINFO, ok("node001|idle|Unknown|Unknown|none\nnode002|unknown|Unknown|Unknown|none\n"));
        assertThat(probe.observe(c.withClock(Clock.fixed(t0.plusSeconds(59), ZoneOffset.UTC)).context())).isEmpty();
        assertThat(probe.observe(c.withClock(Clock.fixed(t0.plusSeconds(61), ZoneOffset.UTC)).context()))
                .singleElement().satisfies(o -> {
                    assertThat(o.key()).isEqualTo("nodes:node002");
                    assertThat(o.severity()).isEqualTo(Status.WARNING);
                    assertThat(o.repair()).isEmpty();
                });
        // Registered in between: the grace starts again the next time it is unknown.
        c.on("localhost", SINFO, ok("node002|idle|Unknown|Unknown|none\n"));
        assertThat(probe.observe(c.withClock(Clock.fixed(t0.plusSeconds(63), ZoneOffset.UTC)).context())).isEmpty();
        c.on("localhost", SINFO, ok("node002|unknown|Unknown|Unknown|none\n"));
        assertThat(probe.observe(c.withClock(Clock.fixed(t0.plusSeconds(65), ZoneOffset.UTC)).context())).isEmpty();
    }

    @Test
    void aNodeDrainedByAPersonIsReportedWithoutAFix() throws ProbeUnavailableException {
        ScriptedCluster c = healthyNodeSide(ScriptedCluster.lab())
                .on("localhost", SINFO, ok("node004|drained|alice|2026-11-25T22:40:01|bad DIMM\n"
                        + "node003|drained|root|2026-11-25T22:40:01|NHC: check_fs_mount failed\n"));
        List<Observation> seen = nodeProbe().observe(c.context());
        assertThat(seen).hasSize(2).allSatisfy(o -> {
            assertThat(o.severity()).isEqualTo(Status.WARNING);
            assertThat(o.repair()).isEmpty();
            assertThat(o.summary()).contains("no automatic fix");
        });
        assertThat(c.callsTo("munge -n")).isEmpty(); // nothing to diagnose on drained nodes
    }

    @Test
    void slurmsOwnHardwareDrainIsCriticalAndDiagnosedWithoutAGuessedFix() throws ProbeUnavailableException {
        ScriptedCluster c = healthyNodeSide(ScriptedCluster.lab())
                .on("localhost", SINFO, ok("node004|inval|slurm|2026-12-03T13:27:55|Low RealMemory (reported:24105 "
                        + "< 100.00% of configured:48000)\n"));
        assertThat(nodeProbe().observe(c.context())).singleElement().satisfies(o -> {
            assertThat(o.severity()).isEqualTo(Status.CRITICAL);
            assertThat(o.diagnosisId()).isEqualTo("hw-mismatch");
            assertThat(o.repair()).as("slurm.conf must change first").isEmpty();
            assertThat(o.summary()).contains("Low RealMemory").contains("set by Slurm").doesNotContain("set by a person");
        });
    }

    @Test
    void aNodeWhoseSshAlsoRefusesIsUnreachableNotJustADeadSlurmd() throws ProbeUnavailableException {
        ScriptedCluster c = healthyNodeSide(ScriptedCluster.lab())
                .on("localhost", SINFO, ok("node002|down*|slurm|2026-11-25T22:22:01|Not responding\n"))
                .on("node002", "", failed(FailureKind.REFUSED, "connect to root@10.250.0.12:22: connection refused"));
        assertThat(nodeProbe().observe(c.context())).singleElement().satisfies(o -> {
            assertThat(o.diagnosisId()).isEqualTo("node-unreachable");
            assertThat(o.repair()).as("restarting slurmd over ssh cannot work").isEmpty();
            assertThat(o.summary()).contains("node unreachable");
        });
    }

    @Test
    void configDriftIsOneIncidentWithTheSyncFix() throws ProbeUnavailableException {
        ScriptedCluster c = ScriptedCluster.lab()
                .on("*", "md5sum /etc/slurm/slurm.conf", ok("aaaa  /etc/slurm/slurm.conf\n"))
                .on("node004", "md5sum", ok("bbbb  /etc/slurm/slurm.conf\n"));
        List<Observation> seen = new CheckProbe("config", new CheckConfigCommand(), Duration.ofSeconds(30), true)
                .observe(c.context());
        assertThat(seen).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo("config:config");
            assertThat(o.repair()).isEqualTo("sync config node004");
            assertThat(o.subject()).isEqualTo("node004");
        });
    }

    @Test
    void aCheckThatNeedsNodesWaitsWhileTheControllerCannotListThem() {
        ScriptedCluster c = ScriptedCluster.lab()
                .on("localhost", "sinfo -h -o %N", exit(1, "", "slurm_load_partitions: Unable to contact slurm controller (connect failure)\n"));
        assertThatThrownBy(() -> new CheckProbe("config", new CheckConfigCommand(), Duration.ofSeconds(30), true)
                .observe(c.context())).isInstanceOf(ProbeUnavailableException.class).hasMessageContaining("sinfo");
        assertThatThrownBy(() -> nodeProbe().observe(ScriptedCluster.lab().on("localhost", SINFO,
                failed(FailureKind.TIMEOUT, "after 20s")).context())).isInstanceOf(ProbeUnavailableException.class);
    }

    @Test
    void aDeadPrimaryAlertSaysWhoIsInControlAndOffersFailbackOrFailover() throws ProbeUnavailableException {
        String ping = "Slurmctld(primary) at vm is DOWN\nSlurmctld(backup) at ctl2 is UP\n";
        ControllerProbe probe = new ControllerProbe(Duration.ofSeconds(5));
        ScriptedCluster tookOver = ScriptedCluster.lab().on("localhost", "scontrol ping", ok(ping))
                .on("localhost", "sinfo", ok("debug\n"));
        assertThat(probe.observe(tookOver.context())).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo("controller:slurmctld-primary");
            assertThat(o.severity()).isEqualTo(Status.WARNING);
            assertThat(o.summary()).isEqualTo("slurmctld (primary) on vm is DOWN; backup ctl2 is in control");
            assertThat(o.repair()).isEqualTo("failback");
        });
        ScriptedCluster standby = ScriptedCluster.lab().on("localhost", "scontrol ping", ok(ping))
                .on("localhost", "sinfo", exit(1, "", "slurm_load_partitions: Slurm backup controller in standby mode\n"));
        assertThat(probe.observe(standby.context())).singleElement().satisfies(o -> {
            assertThat(o.severity()).isEqualTo(Status.CRITICAL);
            assertThat(o.summary()).startsWith("slurmctld (primary) on vm is DOWN; nobody is in control: backup ctl2 "
                    + "answers but stays in standby");
            assertThat(o.repair()).isEqualTo("failover");
        });
    }
}
