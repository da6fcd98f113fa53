package io.slurmops.bot.wiring;

import io.slurmops.adapters.transport.LocalTransport;
import io.slurmops.adapters.transport.RoutingTransport;
import io.slurmops.adapters.transport.SshSettings;
import io.slurmops.adapters.transport.SshTransport;
import io.slurmops.bot.config.PrivilegeConfig;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.config.SshConfig;
import io.slurmops.bot.privilege.HelperRoutes;
import io.slurmops.bot.privilege.HelperTransport;
import io.slurmops.commands.exec.Transport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The transport the configuration asks for: local for "localhost", SSH for every other host. Public so
 * that lab tests drive services (backups, runbooks) through exactly the transport the bot uses.
 */
public final class Transports {

    private Transports() {
    }

    public static Transport fromConfig(SlurmopsConfig config) {
        SshConfig s = config.ssh();
        SshSettings settings = SshSettings.builder(s.user(), Path.of(s.privateKey()), Path.of(s.knownHosts()))
                .port(s.port())
                .connectTimeout(s.connectTimeout())
                .defaultCommandTimeout(config.site().nodeTimeout())
                .keepAliveInterval(s.keepAlive())
                .idleExpiry(s.idleExpiry())
                .maxSessionsPerHost(s.maxSessionsPerHost())
                .maxPooledConnections(s.maxPooledConnections())
                .build();
        return new RoutingTransport(local(config), new DeferredSshTransport(() -> new SshTransport(settings)));
    }

    /** This host's transport: through the root helper for what needs root when {@code privilege.helper} is set. */
    static Transport local(SlurmopsConfig config) {
        PrivilegeConfig p = config.privilege();
        if (p.helper().isEmpty()) {
            return new LocalTransport();
        }
        List<String> roots = new ArrayList<>(p.paths());
        roots.add(config.backups().dir());
        List<String> prefix = new ArrayList<>(p.sudo());
        prefix.add(p.helper().get());
        return new HelperTransport(new LocalTransport(), new HelperRoutes(config.site().serviceManager(), roots), prefix);
    }
}
