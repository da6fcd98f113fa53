package io.slurmops.commands.change;

import io.slurmops.commands.catalog.CommandCatalog;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.diagnosis.KnowledgeBase;
import io.slurmops.commands.plan.ChangeCommand;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.PlanResult;
import io.slurmops.commands.plan.PlanRunner;
import io.slurmops.commands.site.ClusterAccess;
import io.slurmops.testing.FakeCluster;

import java.time.Clock;

/** A change command planned and run against a {@link FakeCluster}, as request #12 by alice. */
final class ChangeFixture {

    final FakeCluster cluster;
    final CommandContext ctx;
    final CommandCatalog catalog;

    ChangeFixture(FakeCluster cluster) {
        this.cluster = cluster;
        this.ctx = new CommandContext(new ClusterAccess(FakeCluster.site(), cluster), KnowledgeBase.builtIn(),
                Clock.systemUTC(), "alice", "!slurm", 12);
        this.catalog = new CommandCatalog("!slurm", ChangeCommands.all());
    }

    record Planned(ChangeCommand command, Plan plan) {
    }

    Planned plan(String line) throws UsageException {
        CommandCatalog.Parsed p = catalog.parse(line);
        ChangeCommand c = (ChangeCommand) p.command();
        return new Planned(c, c.plan(p.invocation(), ctx));
    }

    PlanResult run(Planned p) {
        return PlanRunner.sequential(cluster).run(p.plan(), s -> { });
    }
}
