package io.slurmops.bot.wiring;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.FailureKind;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.exec.Transport;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Builds the SSH transport on first use. A site whose SSH settings are wrong (no known_hosts yet)
 * still starts: controller-local commands work, and every remote command answers with the
 * configuration problem instead of the bot refusing to start.
 */
final class DeferredSshTransport implements Transport {

    private final Supplier<Transport> factory;
    private Transport delegate;
    private String problem;

    DeferredSshTransport(Supplier<Transport> factory) {
        this.factory = factory;
    }

    private synchronized Transport delegate() {
        if (delegate == null && problem == null) {
            try {
                delegate = factory.get();
            } catch (RuntimeException e) {
                problem = "SSH is not usable: " + e.getMessage() + " (see the ssh: section of the configuration)";
            }
        }
        return delegate;
    }

    @Override
    public ExecResult exec(HostCommand command) {
        Transport t = delegate();
        if (t == null) {
            return ExecResult.failed(command, FailureKind.ERROR, problem, "", "", Duration.ZERO);
        }
        return t.exec(command);
    }

    @Override
    public synchronized void close() {
        if (delegate != null) {
            delegate.close();
        }
    }
}
