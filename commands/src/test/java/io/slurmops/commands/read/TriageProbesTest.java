package io.slurmops.commands.read;

import io.slurmops.commands.alerts.CheckProbe;
import io.slurmops.commands.alerts.ManagementPath;
import io.slurmops.commands.alerts.NodeFaultDiagnoser;
import io.slurmops.commands.alerts.NodeProbe;
import io.slurmops.commands.alerts.NodeSymptoms;
import io.slurmops.commands.alerts.Observation;
import io.slurmops.commands.alerts.ProbeUnavailableException;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.reply.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.slurmops.commands.read.ScriptedCluster.exit;
import static io.slurmops.commands.read.ScriptedCluster.failed;
import static io.slurmops.commands.read.ScriptedCluster.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 items 1 and 2 over a scripted cluster: the triage names the cause of a not-responding node
 * (gone, stopped or stuck slurmd; no answer at all; slurmd's port filtered; munge) and the fix follows
 * it; checks that cannot read a node report no result for it; the management path is watched.
 */
class TriageProbesTest {

    private static final String SINFO = "sinfo -h -o %N|%T|%u|%H|%E";
    private static final String DOWN = "node002|down*|slurm|2026-12-03T16:00:01|Not responding\n";
    private static final String TIMED_OUT = "nc: connect to node002 port %d (tcp) timed out: Operation now in progress\n";

    private static NodeProbe nodeProbe() {
        return new NodeProbe(Duration.ofSeconds(2), new NodeFaultDiagnoser(List.of(new CheckMungeCommand(),
                new ServicesCommand(), new CheckClockCommand())));
    }

    /** Every node answers on 22 and 6818, runs slurmd (PID 4242, sleeping) and munge, and has the right time. */
    private static ScriptedCluster healthy() {
        return ScriptedCluster.lab()
                .on("localhost", "nc -z", ok(""))
                .on("localhost", "systemctl is-active", ok("active\nactive\nactive\nactive\n"))
                .on("*", "systemctl is-active slurmd munge", ok("active\nactive\n"))
                .on("*", "systemctl show --property=MainPID --value slurmd", ok("4242\n"))
                .on("*", "ps -o state=,wchan:32= -p 4242", ok("S ep_poll\n"))
                .on("*", "munge -n", cmd -> ok("MUNGE:cred-of-" + cmd.host() + ":\n").apply(cmd))
                .on("localhost", "unmunge -n", ok("STATUS: Success (0)\n"))
                .on("*", "date +%s.%N", cmd -> ok(String.format(java.util.Locale.ROOT, "%.3f%n",
                        System.currentTimeMillis() / 1000.0)).apply(cmd));
    }

    private static Observation only(ScriptedCluster c) throws ProbeUnavailableException {
        List<Observation> seen = nodeProbe().observe(c.context());
        assertThat(seen).hasSize(1);
        return seen.get(0);
    }

    @Test
    void aStoppedSlurmdIsNamedStoppedAndARestartFits() throws ProbeUnavailableException {
        Observation o = only(healthy().on("localhost", SINFO, ok(DOWN))
                .on("node002", "ps -o state=,wchan:32= -p 4242", ok("T do_signal_stop\n")));
        assertThat(o.diagnosisId()).isEqualTo("slurmd-stopped");
        assertThat(o.summary()).contains("slurmd stopped (SIGSTOP, process state T)");
        assertThat(o.repair()).isEqualTo("restart slurmd node002");
        assertThat(o.triage()).anySatisfy(l -> assertThat(l).contains("PID 4242, state T (stopped), in do_signal_stop"))
                .anySatisfy(l -> assertThat(l).startsWith("reach: ssh port 22 open"));
    }

    @Test
    void aSlurmdStuckInTheKernelGetsNoRestartBecauseItCannotBeKilled() throws ProbeUnavailableException {
        Observation o = only(healthy().on("localhost", SINFO, ok(DOWN))
                .on("node002", "ps -o state=,wchan:32= -p 4242", ok("D nfs_wait_on_request\n")));
        assertThat(o.diagnosisId()).isEqualTo("slurmd-stuck");
        assertThat(o.repair()).isEmpty();
    }

    @Test
    void aGoneSlurmdIsNamedAndGetsARestart() throws ProbeUnavailableException {
        Observation o = only(healthy().on("localhost", SINFO, ok(DOWN))
                .on("node002", "systemctl is-active slurmd munge", exit(3, "inactive\nactive\n", ""))
                .on("node002", "systemctl show --property=MainPID --value slurmd", ok("0\n")));
        assertThat(o.diagnosisId()).isEqualTo("slurmd-dead");
        assertThat(o.summary()).contains("node not responding: slurmd not running");
        assertThat(o.repair()).isEqualTo("restart slurmd node002");
    }

    @Test
    void aNodeThatAnswersNothingIsUnreachableAndNothingIsAskedOverSsh() throws ProbeUnavailableException {
        ScriptedCluster c = healthy().on("localhost", SINFO, ok(DOWN))
                .on("localhost", "nc -z -v -w 3 node002 22", exit(1, "", String.format(TIMED_OUT, 22)))
                .on("localhost", "nc -z -v -w 3 node002 6818", exit(1, "", "nc: connect to node002 port 6818 (tcp) "
                        + "failed: No route to host\n"));
        Observation o = only(c);
        assertThat(o.diagnosisId()).isEqualTo("node-no-answer");
        assertThat(o.repair()).as("restarting slurmd over ssh cannot work").isEmpty();
        assertThat(o.summary()).contains("node unreachable: no answer on the network");
        assertThat(o.triage()).anySatisfy(l -> assertThat(l).contains("not run"));
        assertThat(c.calls).noneSatisfy(call -> assertThat(call.host()).isEqualTo("node002"));
    }

    @Test
    void slurmdsPortFilteredWhileSshWorksAndSlurmdRunsGetsNoRestart() throws ProbeUnavailableException {
        Observation o = only(healthy().on("localhost", SINFO, ok(DOWN))
                .on("localhost", "nc -z -v -w 3 node002 6818", exit(1, "", String.format(TIMED_OUT, 6818))));
        assertThat(o.diagnosisId()).isEqualTo("slurmd-port-filtered");
        assertThat(o.repair()).isEmpty();
        assertThat(o.triage().get(0)).contains("ssh port 22 open").contains("slurmd port 6818 no answer (timed out)");
    }

    @Test
    void aDeadMungedIsNamedAndGetsAMungeStart() throws ProbeUnavailableException {
        Observation o = only(healthy().on("localhost", SINFO, ok(DOWN))
                .on("node002", "systemctl is-active slurmd munge", exit(3, "active\ninactive\n", ""))
                .on("node002", "munge -n", exit(6, "", "munge: Error: Failed to access \"/run/munge/munge.socket.2\": "
                        + "No such file or directory (Did you start munged?)\n")));
        assertThat(o.diagnosisId()).isEqualTo("munge-down");
        assertThat(o.repair()).isEqualTo("start munge node002");
    }

    @Test
    void aClockThatCannotBeReadIsUnreadableNotZeroSkew() {
        ScriptedCluster c = healthy().on("node002", "date", failed(FailureKind.TIMEOUT, "after 30s"));
        CheckReport r = new CheckClockCommand().check(c.context(), new io.slurmops.commands.nodes.NodeTargets(
                List.of("node001", "node002", "node003", "node004"), ""));
        assertThat(r.summary()).startsWith("3 node(s) within").endsWith("; unreadable: node002");
        assertThat(r.unreadable()).containsOnlyKeys("node002");
        assertThat(r.toReply("!slurm").toPlainText()).contains("node002: unreadable");
    }

    @Test
    void aMungeRoundTripThatCannotReachANodeSaysUnreadableAndNoKeyProblem() {
        ScriptedCluster c = healthy().on("node002", "munge -n", failed(FailureKind.TIMEOUT, "after 30s"));
        CheckReport r = new CheckMungeCommand().check(c.context(), new io.slurmops.commands.nodes.NodeTargets(
                List.of("node001", "node002"), ""));
        assertThat(r.unreadable()).containsOnlyKeys("node002");
        assertThat(r.status()).isEqualTo(Status.WARNING);
        assertThat(r.toReply("!slurm").toPlainText()).contains("node002: unreadable (unreachable: command timeout")
                .doesNotContain("munge key differs");
    }

    @Test
    void checksThatCannotReadANodeNoteASymptomInsteadOfOpeningTheirOwnIncident() throws ProbeUnavailableException {
        ScriptedCluster c = healthy().on("node002", "", failed(FailureKind.TIMEOUT, "command timeout after 30s"))
                .on("*", "md5sum /etc/slurm/slurm.conf", ok("aaaa  /etc/slurm/slurm.conf\n"))
                .on("node002", "", failed(FailureKind.TIMEOUT, "command timeout after 30s"));
        NodeSymptoms symptoms = new NodeSymptoms();
        assertThat(new CheckProbe("clock", new CheckClockCommand(), Duration.ofSeconds(3), true, symptoms)
                .observe(c.context())).isEmpty();
        assertThat(new CheckProbe("config", new CheckConfigCommand(), Duration.ofSeconds(3), true, symptoms)
                .observe(c.context())).isEmpty();
        assertThat(symptoms.current()).extracting(s -> s.node() + " " + s.check())
                .containsExactly("node002 clock", "node002 config");
        // Without a symptom board the check keeps today's behaviour: its own warning.
        assertThat(new CheckProbe("config", new CheckConfigCommand(), Duration.ofSeconds(3), true)
                .observe(c.context())).hasSize(1);
        // Read again: the symptom is gone.
        c.on("node002", "", ok("aaaa  /etc/slurm/slurm.conf\n"));
        new CheckProbe("config", new CheckConfigCommand(), Duration.ofSeconds(3), true, symptoms).observe(c.context());
        assertThat(symptoms.current()).extracting(s -> s.check()).containsExactly("clock");
    }

    @Test
    void aHealthyNodeWhoseSshdRefusesGetsOneWarningButAVanishingNodeWaitsForSlurm() throws ProbeUnavailableException {
        ScriptedCluster c = healthy()
                .on("localhost", "nc -z -v -w 3 node004 22", exit(1, "", "nc: connect to node004 port 22 (tcp) failed: "
                        + "Connection refused\n"))
                .on("localhost", "nc -z -v -w 3 node003 22", exit(1, "", "nc: connect to node003 port 22 (tcp) failed: "
                        + "Connection refused\n"))
                .on("localhost", "nc -z -v -w 3 node003 6818", exit(1, "", "nc: connect to node003 port 6818 (tcp) failed: "
                        + "Connection refused\n"))
                .on("localhost", SINFO, ok("node001|idle|Unknown|Unknown|none\nnode003|idle|Unknown|Unknown|none\n"
                        + "node004|idle|Unknown|Unknown|none\n"));
        NodeProbe probe = new NodeProbe(Duration.ofSeconds(2), new NodeFaultDiagnoser(List.of()),
                new ManagementPath(22, Duration.ofSeconds(3)));
        java.time.Instant t0 = java.time.Instant.parse("2026-12-03T16:00:00Z");
        assertThat(probe.observe(c.withClock(java.time.Clock.fixed(t0, java.time.ZoneOffset.UTC)).context()))
                .as("one refused connect may be an sshd restart").isEmpty();
        List<Observation> seen = probe.observe(c.withClock(java.time.Clock.fixed(t0.plusSeconds(3),
                java.time.ZoneOffset.UTC)).context());
        assertThat(seen).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo("nodes:node004");
            assertThat(o.severity()).isEqualTo(Status.WARNING);
            assertThat(o.diagnosisId()).isEqualTo("node-ssh-refused");
            assertThat(o.repair()).isEmpty();
            assertThat(o.summary()).contains("cannot reach it over SSH (port 22 refused");
        });
        // Between two checks the warning stays open (it is reported on every poll).
        assertThat(probe.observe(c.withClock(java.time.Clock.fixed(t0.plusSeconds(4), java.time.ZoneOffset.UTC))
                .context())).hasSize(1);
        assertThat(c.callsTo("nc -z -v -w 3 node004 22")).hasSize(2);
    }

    @Test
    void ncOutcomesAreToldApart() {
        ScriptedCluster c = ScriptedCluster.lab()
                .on("localhost", "nc -z -v -w 3 a 1", ok("Connection to a 1 port [tcp/*] succeeded!\n"))
                .on("localhost", "nc -z -v -w 3 a 2", exit(1, "", "nc: connect to a port 2 (tcp) failed: Connection refused\n"))
                .on("localhost", "nc -z -v -w 3 a 3", exit(1, "", "nc: connect to a port 3 (tcp) timed out: Operation now in progress\n"))
                .on("localhost", "nc -z -v -w 3 a 4", exit(1, "", "nc: connect to a port 4 (tcp) failed: No route to host\n"));
        List<io.slurmops.commands.alerts.TcpReach.Probe> seen = new io.slurmops.commands.alerts.TcpReach(3).probe(
                c.context(), List.of(1, 2, 3, 4, 5).stream().map(p -> new io.slurmops.commands.alerts.TcpReach.Target(
                        "localhost", "a", p)).toList());
        assertThat(seen).extracting(p -> p.outcome().name())
                .containsExactly("OPEN", "REFUSED", "NO_ANSWER", "NO_ANSWER", "UNKNOWN");
        assertThat(Map.of("why", seen.get(2).describe())).containsEntry("why", "port 3 no answer (timed out)");
    }
}
