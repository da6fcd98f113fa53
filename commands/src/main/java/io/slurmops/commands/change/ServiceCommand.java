package io.slurmops.commands.change;

import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.commands.catalog.ArgTypes;
import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.catalog.CommandSpec;
import io.slurmops.commands.catalog.Invocation;
import io.slurmops.commands.catalog.JobEffect;
import io.slurmops.commands.catalog.Risk;
import io.slurmops.commands.catalog.UsageException;
import io.slurmops.commands.hostlist.Hostlist;
import io.slurmops.commands.plan.BlastRadius;
import io.slurmops.commands.plan.DeclaredChange;
import io.slurmops.commands.plan.Plan;
import io.slurmops.commands.plan.PlanRefusedException;
import io.slurmops.commands.plan.Step;
import io.slurmops.commands.slurm.NodeRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * start|stop|restart SERVICE [HOSTLIST]: slurmctld, slurmdbd, mariadb and munge on the controller
 * side; slurmd and munge on the nodes of HOSTLIST. The runbook's order is enforced by {@link ServiceOrder}.
 */
public final class ServiceCommand extends DeclaredChange {

    private final String verb;

    public ServiceCommand(String verb) {
        super(declaration(verb));
        this.verb = verb;
    }

    private static CommandSpec declaration(String verb) {
        if (!List.of("start", "stop", "restart").contains(verb)) {
            throw new IllegalArgumentException("no service verb " + verb);
        }
        return CommandSpec.builder(verb)
                .required("SERVICE", ArgTypes.word()).optional("HOSTLIST", ArgTypes.hostlist())
                .summary(Steps.capitalize(verb) + " a Slurm service (slurmctld, slurmdbd, mariadb, munge; slurmd/munge on nodes)")
                .description("SERVICE is slurmctld, slurmdbd, mariadb or munge on the controller side, or slurmd/munge "
                        + "on the nodes of HOSTLIST, through the site's service manager. The order mariadb → slurmdbd "
                        + "→ slurmctld → slurmd is enforced: starting a daemon whose dependency is down, or stopping "
                        + "one whose dependent still runs, is refused with the reason.")
                .risk(Risk.CHANGE).jobs(verb.equals("stop") ? JobEffect.AT_RISK : JobEffect.KEEP)
                .build();
    }

    @Override
    public Plan plan(Invocation inv, CommandContext ctx) throws UsageException {
        String usage = usage(ctx);
        String service = inv.word("service").toLowerCase(Locale.ROOT).replaceFirst("\\.service$", "");
        boolean onNodes = inv.optionalHostlist("hostlist").isPresent();
        if (onNodes && !Daemons.NODE_SERVICES.contains(service)) {
            throw new UsageException(service + " runs on the controller side; give no HOSTLIST", usage);
        }
        if (!onNodes && !Daemons.CONTROLLER_SERVICES.contains(service)) {
            throw new UsageException(Daemons.NODE_SERVICES.contains(service)
                    ? service + " runs on compute nodes: name them, e.g. `" + ctx.prefix() + " " + verb + " " + service
                    + " node[001-004]`" : "unknown service `" + inv.word("service") + "`; expected slurmctld, slurmdbd, mariadb, "
                    + "munge, or slurmd/munge with a HOSTLIST", usage);
        }
        return onNodes ? nodePlan(inv, ctx, service, usage) : controllerPlan(ctx, service);
    }

    private Plan controllerPlan(CommandContext ctx, String service) throws PlanRefusedException {
        Optional<String> refusal = ServiceOrder.controllerSide(ctx, verb, service);
        if (refusal.isPresent()) {
            throw new PlanRefusedException(refusal.get());
        }
        String host = Daemons.hostOf(ctx, service);
        Step step = Step.onController(host, Steps.capitalize(verb) + " " + service + " on " + host,
                Daemons.controllerArgv(ctx, verb, service), ctx.cluster().site().nodeTimeout());
        return new Plan(spec().name(), Steps.capitalize(verb) + " " + service + " on " + host, List.of(step),
                BlastRadius.NONE, effects(service), Map.of("service", service, "side", "controller"));
    }

    private Plan nodePlan(Invocation inv, CommandContext ctx, String service, String usage) throws UsageException {
        List<NodeRecord> nodes = NodeTargets.records(ctx, inv.hostlist("hostlist"), usage);
        List<String> names = NodeTargets.names(nodes);
        Optional<String> refusal = ServiceOrder.nodeSide(ctx, verb, service, names);
        if (refusal.isPresent()) {
            throw new PlanRefusedException(refusal.get());
        }
        boolean stopsSlurmd = service.equals("slurmd") && !verb.equals("start");
        BlastRadius blast = new BlastRadius(NodeTargets.impacts(nodes),
                stopsSlurmd ? RunningJobs.on(ctx, names) : List.of());
        List<String> notes = new ArrayList<>(effects(service));
        if (stopsSlurmd && !blast.jobs().isEmpty()) {
            notes.add("Jobs there (" + blast.jobsSummary() + ") keep running, but are lost if slurmd stays away "
                    + "longer than SlurmdTimeout and the node is set DOWN.");
        }
        String hosts = Hostlist.compress(names);
        return new Plan(spec().name(), Steps.capitalize(verb) + " " + service + " on " + hosts,
                List.of(Steps.nodeService(ctx, names, verb, service)), blast, notes,
                Map.of("service", service, "side", "nodes"));
    }

    private List<String> effects(String service) {
        if (!verb.equals("stop")) {
            return List.of();
        }
        return switch (service) {
            case "slurmctld" -> List.of("While slurmctld is stopped nothing is scheduled and squeue/sinfo/sbatch fail; "
                    + "running jobs continue.");
            case "slurmdbd" -> List.of("While slurmdbd is stopped sacct/sacctmgr fail; slurmctld queues accounting records.");
            case "munge" -> List.of("Without munge no Slurm daemon on that host can authenticate.");
            default -> List.of();
        };
    }

    @Override
    public Optional<String> stillApplies(Plan plan, CommandContext ctx) {
        String service = plan.fact("service");
        if (plan.fact("side").equals("controller")) {
            return ServiceOrder.controllerSide(ctx, verb, service);
        }
        return ServiceOrder.nodeSide(ctx, verb, service, plannedNodes(plan));
    }
}
