package io.slurmops.bot.wiring;

import io.slurmops.adapters.transport.LocalTransport;
import io.slurmops.adapters.transport.RoutingTransport;
import io.slurmops.adapters.transport.SshSettings;
import io.slurmops.adapters.transport.SshTransport;
import io.slurmops.bot.config.SlurmopsConfig;
import io.slurmops.bot.config.SshConfig;
import io.slurmops.commands.exec.Transport;

import java.nio.file.Path;

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
        return new RoutingTransport(new LocalTransport(), new DeferredSshTransport(() -> new SshTransport(settings)));
    }
}
