package io.slurmops.commands.change;

import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.plan.ChangeCommand;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.PlanRefusedException;
import io.slurmops.commands.plan.PlanRunner;
import io.slurmops.commands.site.ClusterAccess;
import io.slurmops.commands.site.SiteProfile;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * failover and failback decide from what the controllers answer: {@code scontrol ping} (real 22.05
 * lines with a backup) and whether {@code sinfo} is served (a standby backup refuses it).
 */
class FailoverCommandsTest {

    private static final String PAIR_UP = "Slurmctld(primary) at ctl is UP\nSlurmctld(backup) at ctl2 is UP\n";
    private static final String PRIMARY_DOWN = "Slurmctld(primary) at ctl is DOWN\nSlurmctld(backup) at ctl2 is UP\n"
            + "*****************************************\n** RESTORE SLURMCTLD DAEMON TO SERVICE **\n"
            + "*****************************************\n";
    private static final String BOTH_DOWN = "Slurmctld(primary) at ctl is DOWN\nSlurmctld(backup) at ctl2 is DOWN\n";

    private final AtomicReference<String> ping = new AtomicReference<>(PAIR_UP);
    private final AtomicReference<Boolean> served = new AtomicReference<>(true);
    private final FakeCluster cluster = FakeCluster.withNodes(2).hook(cmd -> {
        String tool = cmd.argv().get(0);
        if (tool.equals("scontrol") && cmd.argv().get(1).equals("ping")) {
            return Optional.of(ExecResult.exited(cmd, 0, ping.get(), "", Duration.ZERO));
        }
        if (tool.equals("sinfo") && !served.get()) {
            return Optional.of(ExecResult.exited(cmd, 1, "",
                    "slurm_load_partitions: Slurm backup controller in standby mode\n", Duration.ZERO));
        }
        return Optional.empty();
    });

    @Test
    void failoverRunsTakeoverOnlyWhenTheBackupStaysInStandby() throws UsageException {
        ping.set(PRIMARY_DOWN);
        served.set(false);
        Plan plan = plan(site("ctl2"), "!slurm failover");
        assertThat(plan.steps()).extracting(s -> String.join(" ", s.argv()))
                .containsExactly("scontrol takeover", "sinfo -h -o %P %a %D %t");
        assertThat(plan.summary()).isEqualTo("Fail over to the backup controller ctl2");

        served.set(true);
        assertThatThrownBy(() -> plan(site("ctl2"), "!slurm failover")).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("the backup ctl2 already took control by itself")
                .hasMessageContaining("`failback`");
        ping.set(PAIR_UP);
        assertThatThrownBy(() -> plan(site("ctl2"), "!slurm failover"))
                .hasMessageContaining("the primary slurmctld answers and is in control").hasMessageContaining("`takeover`");
        ping.set(BOTH_DOWN);
        assertThatThrownBy(() -> plan(site("ctl2"), "!slurm failover"))
                .hasMessageContaining("no backup controller answers `scontrol ping`");
        assertThatThrownBy(() -> plan(site(""), "!slurm failover"))
                .hasMessageContaining("this site has no backup controller (site.backupController)");
    }

    @Test
    void failbackStartsThePrimaryAndItsReportSaysWhetherThePairIsBack() throws UsageException {
        ping.set(PRIMARY_DOWN);
        CommandContext ctx = ctx(site("ctl2"));
        ChangeCommand failback = command("!slurm failback");
        Plan plan = failback.plan(catalog().parse("!slurm failback").invocation(), ctx);
        assertThat(plan.steps()).extracting(s -> String.join(" ", s.argv()))
                .containsExactly("systemctl start slurmctld", "scontrol ping");
        assertThat(plan.steps().get(0).via()).isEqualTo(FakeCluster.CONTROLLER);

        ping.set(PAIR_UP);
        String done = failback.report(plan, PlanRunner.sequential(cluster).run(plan, s -> { })).toPlainText();
        assertThat(done).contains("Fail back to the primary controller ctl: normal pair restored "
                + "(primary ctl UP, backup ctl2 UP)");
        ping.set(PRIMARY_DOWN);
        String notYet = failback.report(plan, PlanRunner.sequential(cluster).run(plan, s -> { })).toPlainText();
        assertThat(notYet).contains("pair NOT restored (primary ctl DOWN, backup ctl2 UP)");

        ping.set(PAIR_UP);
        assertThatThrownBy(() -> plan(site("ctl2"), "!slurm failback")).isInstanceOf(PlanRefusedException.class)
                .hasMessageContaining("the normal pair is in place");
        ping.set("Slurmctld(primary) at ctl is UP\nSlurmctld(backup) at ctl2 is DOWN\n");
        assertThatThrownBy(() -> plan(site("ctl2"), "!slurm failback"))
                .hasMessageContaining("the backup does not: start slurmctld on ctl2");
    }

    private Plan plan(SiteProfile site, String line) throws UsageException {
        CommandCatalog.Parsed p = catalog().parse(line);
        return ((ChangeCommand) p.command()).plan(p.invocation(), ctx(site));
    }

    private static ChangeCommand command(String line) throws UsageException {
        return (ChangeCommand) catalog().parse(line).command();
    }

    private static CommandCatalog catalog() {
        return new CommandCatalog("!slurm", ChangeCommands.all());
    }

    private CommandContext ctx(SiteProfile site) {
        return new CommandContext(new ClusterAccess(site, cluster), KnowledgeBase.builtIn(), Clock.systemUTC(),
                "alice", "!slurm", 12);
    }

    private static SiteProfile site(String backup) {
        SiteProfile s = FakeCluster.site();
        return new SiteProfile(s.clusterName(), s.controller(), backup, s.dbdHost(), s.serviceManager(),
                s.nodeServiceManager(), Map.of(), Map.of(), Map.of(), s.slurmConf(), s.mungeKey(), s.slurmTimeout(),
                s.nodeTimeout(), s.fanout());
    }
}
