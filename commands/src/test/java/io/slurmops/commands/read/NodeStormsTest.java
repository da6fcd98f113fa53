package io.slurmops.commands.read;

import io.slurmops.commands.alerts.NodeFaultDiagnoser;
import io.slurmops.commands.alerts.NodeProbe;
import io.slurmops.commands.alerts.NodeStorms;
import io.slurmops.commands.alerts.Observation;
import io.slurmops.commands.alerts.ProbeUnavailableException;
import io.slurmops.commands.reply.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.slurmops.commands.read.ScriptedCluster.exit;
import static io.slurmops.commands.read.ScriptedCluster.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** Many unhealthy nodes in one poll: one observation, folded by reason, one fix for the set. */
class NodeStormsTest {

    private static final String SINFO = "sinfo -h -o %N|%T|%u|%H|%E";

    /** Keys of incidents that are open, as the alert store would answer. */
    private final Set<String> open = new HashSet<>();

    private NodeStorms probe() {
        return new NodeStorms(new NodeProbe(Duration.ofSeconds(5),
                new NodeFaultDiagnoser(List.of(new CheckMungeCommand(), new ServicesCommand()))), 2, open::contains);
    }

    private static ScriptedCluster cluster(String sinfo) {
        return ScriptedCluster.lab()
                .on("localhost", "systemctl is-active", ok("active\nactive\nactive\nactive\n"))
                .on("*", "systemctl is-active slurmd munge", exit(3, "inactive\nactive\n", ""))
                .on("*", "munge -n", cmd -> ok("MUNGE:cred-of-" + cmd.host() + ":\n").apply(cmd))
                .on("localhost", "unmunge -n", ok("STATUS: Success (0)\n"))
                .on("localhost", SINFO, ok(sinfo));
    }

    private static String star(String node) {
        return node + "|idle*|Unknown|Unknown|none\n";
    }

    private static String down(String node, String when) {
        return node + "|down*|slurm|" + when + "|Not responding\n";
    }

    @Test
    void fourDeadSlurmdsAreOneCriticalIncidentWithOneRestartForTheSet() throws ProbeUnavailableException {
        ScriptedCluster c = cluster(down("node001", "2026-12-03T10:00:01") + down("node002", "2026-12-03T10:00:02")
                + down("node003", "2026-12-03T10:00:01") + down("node004", "2026-12-03T10:00:03"));

        List<Observation> seen = probe().observe(c.context());

        assertThat(seen).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo("nodes:storm");
            assertThat(o.subject()).isEqualTo("node[001-004]");
            assertThat(o.severity()).isEqualTo(Status.CRITICAL);
            assertThat(o.repair()).isEqualTo("restart slurmd node[001-004]");
            assertThat(o.summary()).startsWith("4 nodes unhealthy: node[001-004] are down*: Not responding")
                    .contains("`!slurm nodes node[001-004]`").doesNotContain("2026-12-03");
            assertThat(NodeStorms.members(o.summary())).isEqualTo(4);
        });
    }

    @Test
    void aRackDrainedByAPersonAndAFewDeadSlurmdsAreFoldedByReasonWithoutAFix() throws ProbeUnavailableException {
        StringBuilder sinfo = new StringBuilder();
        for (int i = 1; i <= 480; i++) {
            sinfo.append(String.format("sim%05d|down|root|2026-12-03T10:00:0%d|rack r12 power\n", i, i % 3));
        }
        sinfo.append(down("node002", "2026-12-03T10:00:01"));
        List<Observation> seen = probe().observe(cluster(sinfo.toString()).context());

        assertThat(seen).singleElement().satisfies(o -> {
            assertThat(o.subject()).isEqualTo("node002,sim[00001-00480]");
            assertThat(o.summary()).startsWith("481 nodes unhealthy: sim[00001-00480] are down: rack r12 power")
                    .contains("; node002 is down*: Not responding");
            assertThat(o.repair()).as("the nodes need different things: no one fix").isEmpty();
            assertThat(o.severity()).isEqualTo(Status.CRITICAL);
        });
    }

    @Test
    void aNodeThatTurnsBadOnePollBeforeTheOthersJoinsTheirStorm() throws ProbeUnavailableException {
        NodeStorms probe = probe();
        assertThat(probe.observe(cluster(down("node001", "2026-12-03T10:00:01")).context())).isEmpty();

        List<Observation> seen = probe.observe(cluster(down("node001", "2026-12-03T10:00:01")
                + down("node002", "2026-12-03T10:00:04") + down("node003", "2026-12-03T10:00:04")).context());

        assertThat(seen).singleElement().satisfies(o -> assertThat(o.subject()).isEqualTo("node[001-003]"));
    }

    /**
     * Slurm marks the nodes of one event not responding over several polls (CI: node003 alone, then
     * node[001-002,004] two polls later gave an alert and a storm). While the node probe still has nodes
     * awaiting their second sighting, a lone node is held with them, up to MAX_HOLD polls.
     */
    @Test
    void aLoneNodeIsHeldWhileOthersAreStillArrivingAndJoinsTheirStorm() throws ProbeUnavailableException {
        NodeStorms probe = probe();
        ScriptedCluster first = cluster(star("node003"));
        assertThat(probe.observe(first.context())).as("node003 seen once").isEmpty();
        assertThat(probe.observe(first.context())).as("confirmed, held one poll").isEmpty();
        ScriptedCluster all = cluster(star("node001") + star("node002") + star("node003") + star("node004"));
        assertThat(probe.observe(all.context())).as("the others are first sightings: node003 waits for them").isEmpty();

        assertThat(probe.observe(all.context())).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo("nodes:storm");
            assertThat(o.subject()).isEqualTo("node[001-004]");
        });
    }

    @Test
    void aLoneNodeIsNotHeldForeverByNodesThatNeverArrive() throws ProbeUnavailableException {
        NodeStorms probe = probe();
        // node001 stays "unknown" (a fresh slurmctld's grace): it awaits confirmation at every poll
        ScriptedCluster c = cluster(star("node003") + "node001|unknown|Unknown|Unknown|none\n");
        int polls = 0;
        List<Observation> seen = List.of();
        while (seen.isEmpty() && polls < 10) {
            seen = probe.observe(c.context());
            polls++;
        }
        assertThat(seen).singleElement().extracting(Observation::key).isEqualTo("nodes:node003");
        assertThat(polls).as("sighting, confirmation, then at most MAX_HOLD polls").isEqualTo(2 + NodeStorms.MAX_HOLD);
    }

    @Test
    void aSingleNodeKeepsItsOwnIncidentAndAnOpenStormTakesNewcomers() throws ProbeUnavailableException {
        NodeStorms probe = probe();
        ScriptedCluster one = cluster(down("node003", "2026-12-03T10:00:01"));
        assertThat(probe.observe(one.context())).as("held one poll: others of the same event may follow").isEmpty();
        assertThat(probe.observe(one.context())).singleElement().extracting(Observation::key).isEqualTo("nodes:node003");
        assertThat(probe.observe(one.context())).as("and reported at every poll after").hasSize(1);

        open.add("nodes:node003");
        open.add("nodes:storm");
        List<Observation> seen = probe.observe(cluster(down("node003", "2026-12-03T10:00:01")
                + down("node004", "2026-12-03T10:00:05")).context());

        assertThat(seen).extracting(Observation::key).containsExactlyInAnyOrder("nodes:node003", "nodes:storm");
        assertThat(seen).filteredOn(o -> o.key().equals("nodes:storm")).singleElement()
                .satisfies(o -> assertThat(o.subject()).isEqualTo("node004"));
    }
}
