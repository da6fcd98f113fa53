package io.slurmops.commands.change;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.plan.Step;
import io.slurmops.commands.site.SiteProfile;

import java.util.ArrayList;
import java.util.List;

/** The step shapes change commands share: Slurm clients on the controller, services on nodes. */
final class Steps {

    private Steps() {
    }

    /** A Slurm client (scontrol …) run once on the controller, with the site's environment and timeout. */
    static Step slurm(CommandContext ctx, String description, String... argv) {
        SiteProfile site = ctx.cluster().site();
        return Step.onController(site.controller(), description, ctx.cluster().withSlurmEnv(List.of(argv)),
                site.slurmTimeout());
    }

    /** {@code scontrol update NodeName={hosts} State=RESUME} for the nodes given (filled in at run time). */
    static Step resume(CommandContext ctx, String description, List<String> nodes) {
        return slurm(ctx, description, "scontrol", "update", "NodeName=" + Step.HOSTS, "State=RESUME").about(nodes);
    }

    /** The node service manager acting on a service's unit on each host. */
    static Step nodeService(CommandContext ctx, List<String> hosts, String verb, String service) {
        SiteProfile site = ctx.cluster().site();
        List<String> argv = new ArrayList<>(site.nodeServiceManager());
        argv.add(verb);
        argv.add(site.unit(service));
        return Step.onEachHost(hosts, capitalize(verb) + " " + service, argv, site.nodeTimeout());
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
