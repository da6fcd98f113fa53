package io.slurmops.commands.alerts;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.diagnosis.Finding;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.reply.Status;

import java.time.Duration;
import java.util.List;

/** slurmdbd and its database answer: {@code sacctmgr -n show cluster} goes through both. */
public final class AccountingProbe implements HealthProbe {

    private final Duration interval;

    public AccountingProbe(Duration interval) {
        this.interval = interval;
    }

    @Override
    public String name() {
        return "accounting";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public List<Observation> observe(CommandContext ctx) {
        ExecResult r = ctx.cluster().slurm("sacctmgr", "-n", "-P", "show", "cluster", "format=Cluster");
        if (r.ok()) {
            return List.of();
        }
        List<Finding> findings = ctx.knowledgeBase().match(r.combinedOutput());
        String id = findings.isEmpty() ? "slurmdbd-unreachable" : findings.get(0).diagnosis().id();
        String repair = id.equals("slurmdbd-unreachable") ? "start slurmdbd" : "";
        return List.of(Observation.of(name(), "slurmdbd", Status.CRITICAL,
                "accounting unavailable: " + ControllerProbe.firstLine(r), id, repair));
    }
}
