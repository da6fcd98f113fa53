package io.slurmops.commands.change;

import io.slurmops.commands.catalog.CommandContext;
import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.site.SiteProfile;
import io.slurmops.commands.slurm.ControllerPing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where each Slurm-related daemon runs and whether it is up, asked the way the site manages it. */
final class Daemons {

    static final Set<String> CONTROLLER_SERVICES = Set.of("slurmctld", "slurmdbd", "mariadb", "munge");
    static final Set<String> NODE_SERVICES = Set.of("slurmd", "munge");

    /** Up, down, or unknown (could not ask: the host did not answer). */
    enum Liveness { UP, DOWN, UNKNOWN }

    private Daemons() {
    }

    /** The host a controller-side service runs on: slurmdbd and its database on the dbd host. */
    static String hostOf(CommandContext ctx, String service) {
        SiteProfile site = ctx.cluster().site();
        return service.equals("slurmdbd") || service.equals("mariadb") ? site.dbdHost() : site.controller();
    }

    /** The argv managing a controller-side service: the site's manager, the verb, the unit. */
    static List<String> controllerArgv(CommandContext ctx, String verb, String service) {
        List<String> argv = new ArrayList<>(ctx.cluster().site().serviceManager());
        argv.add(verb);
        argv.add(ctx.cluster().site().unit(service));
        return argv;
    }

    static List<String> nodeArgv(CommandContext ctx, String verb, String service) {
        List<String> argv = new ArrayList<>(ctx.cluster().site().nodeServiceManager());
        argv.add(verb);
        argv.add(ctx.cluster().site().unit(service));
        return argv;
    }

    /** A controller-side service; slurmctld counts as up only when it answers {@code scontrol ping}. */
    static Liveness controllerSide(CommandContext ctx, String service) {
        if (service.equals("slurmctld")) {
            ExecResult ping = ctx.cluster().slurm("scontrol", "ping");
            boolean up = ping.ran() && ControllerPing.parse(ping.stdout()).stream().anyMatch(ControllerPing::up);
            if (up) {
                return Liveness.UP;
            }
        }
        ExecResult r = ctx.cluster().onHost(hostOf(ctx, service), controllerArgv(ctx, "is-active", service));
        return !r.ran() ? Liveness.UNKNOWN : r.exitCode() == 0 ? Liveness.UP : Liveness.DOWN;
    }

    /** A node-side service on each host. */
    static Map<String, Liveness> onNodes(CommandContext ctx, List<String> hosts, String service) {
        Map<String, Liveness> out = new java.util.LinkedHashMap<>();
        HostQueries.onEach(ctx, hosts, nodeArgv(ctx, "is-active", service)).forEach((h, r) ->
                out.put(h, !r.ran() ? Liveness.UNKNOWN : r.exitCode() == 0 ? Liveness.UP : Liveness.DOWN));
        return out;
    }
}
