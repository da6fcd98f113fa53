package io.slurmops.commands.alerts;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.site.ClusterAccess;
import io.slurmops.commands.site.LogSource;
import io.slurmops.commands.site.SiteProfile;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A slurmctld that is down because it cannot read a state file is alerted by file, with the runbook as fix. */
class ControllerProbeStateFileTest {

    static final String LOG = "/var/log/slurm/slurmctld.log";

    private final FakeCluster cluster = FakeCluster.withNodes(2).service(FakeCluster.CONTROLLER, "slurmctld", false);

    private List<Observation> observe(String log) throws Exception {
        cluster.hook(cmd -> cmd.argv().equals(List.of("tail", "-n", "400", LOG))
                ? Optional.of(FakeCluster.ok(cmd, log)) : Optional.empty());
        SiteProfile base = FakeCluster.site();
        SiteProfile site = new SiteProfile(base.clusterName(), base.controller(), "", "", base.serviceManager(),
                base.nodeServiceManager(), Map.of(), Map.of("slurmctld", LogSource.file(LOG)), Map.of(), base.slurmConf(),
                base.mungeKey(), base.slurmTimeout(), base.nodeTimeout(), base.fanout());
        try (ClusterAccess access = new ClusterAccess(site, cluster)) {
            return new ControllerProbe(Duration.ofSeconds(5)).observe(
                    new CommandContext(access, KnowledgeBase.builtIn(), Clock.systemUTC(), "alerts", "!slurm"));
        }
    }

    @Test
    void theUnreadableFileIsNamedFromSlurmctldsOwnLogLine() throws Exception {
        List<Observation> seen = observe("""
                [2026-12-03T12:53:09.540] slurmctld version 22.05.8 started on cluster lab
                [2026-12-03T12:53:13.627] error: unpackmem_xmalloc: Buffer to be unpacked is too large (1218881954 > 1073741824)
                [2026-12-03T12:53:13.627] fatal: Incomplete node data checkpoint file, start with '-i' to ignore this. Warning: using -i will lose the data that can't be recovered.
                """);
        assertThat(seen).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo("controller:slurmctld-primary");
            assertThat(o.summary()).contains("cannot read its state file node_state", "Incomplete node data checkpoint file");
            assertThat(o.diagnosisId()).isEqualTo("state-recovery-failed");
            assertThat(o.repair()).isEqualTo("runbook run ctld-state-recovery");
        });
    }

    @Test
    void aStoppedSlurmctldWithACleanLogKeepsThePlainFix() throws Exception {
        List<Observation> seen = observe("""
                [t0] fatal: Incomplete job state save file, start with '-i' to ignore this.
                [t1] slurmctld version 22.05.8 started on cluster lab
                [t1] Running as primary controller
                [t2] Terminate signal (SIGINT or SIGTERM) received
                """);
        assertThat(seen).singleElement().satisfies(o -> {
            assertThat(o.diagnosisId()).isEqualTo("controller-unreachable");
            assertThat(o.repair()).isEqualTo("start slurmctld");
        });
        assertThat(cluster.ran("tail")).extracting(HostCommand::host).containsExactly(FakeCluster.CONTROLLER);
    }
}
