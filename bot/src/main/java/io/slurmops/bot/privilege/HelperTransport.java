package io.slurmops.bot.privilege;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.exec.Transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The local transport of a bot that runs as its own user: commands {@link HelperRoutes} names as
 * root-only go to the root helper through sudo ({@code sudo -n HELPER VERB ARGS…}, same timeout and
 * standard input); all others run directly, as this user.
 */
public final class HelperTransport implements Transport {

    private final Transport local;
    private final HelperRoutes routes;
    private final List<String> helperPrefix;

    /** @param sudoAndHelper e.g. [sudo, -n, /usr/lib/slurmops/slurmops-root-helper] */
    public HelperTransport(Transport local, HelperRoutes routes, List<String> sudoAndHelper) {
        this.local = local;
        this.routes = routes;
        this.helperPrefix = List.copyOf(sudoAndHelper);
    }

    @Override
    public ExecResult exec(HostCommand command) {
        Optional<List<String>> request = routes.route(command.argv());
        if (request.isEmpty()) {
            return local.exec(command);
        }
        List<String> argv = new ArrayList<>(helperPrefix);
        argv.addAll(request.get());
        return local.exec(new HostCommand(command.host(), argv, command.timeout(), command.stdin()));
    }

    @Override
    public void close() {
        local.close();
    }
}
