package io.slurmops.adapters.transport;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.exec.Transport;
import java.util.Objects;

/** Sends {@link HostCommand#LOCAL} to the local transport and every other host to the remote one. */
public final class RoutingTransport implements Transport {

    private final Transport local;
    private final Transport remote;

    public RoutingTransport(Transport local, Transport remote) {
        this.local = Objects.requireNonNull(local, "local");
        this.remote = Objects.requireNonNull(remote, "remote");
    }

    @Override
    public ExecResult exec(HostCommand command) {
        return command.isLocal() ? local.exec(command) : remote.exec(command);
    }

    /** Closes both; the remote one is closed even if closing the local one fails. */
    @Override
    public void close() {
        try {
            local.close();
        } finally {
            remote.close();
        }
    }
}
