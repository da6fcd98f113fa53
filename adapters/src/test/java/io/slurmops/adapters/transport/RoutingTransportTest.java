package io.slurmops.adapters.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.slurmops.commands.exec.ExecResult;
import io.slurmops.commands.exec.HostCommand;
import io.slurmops.commands.exec.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingTransportTest {

    /** Answers with its own name and remembers what it saw. */
    private static final class Named implements Transport {
        final String name;
        final List<String> hosts = new ArrayList<>();
        boolean closed;

        Named(String name) {
            this.name = name;
        }

        @Override
        public ExecResult exec(HostCommand command) {
            hosts.add(command.host());
            return ExecResult.exited(command, 0, name, "", Duration.ZERO);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void localhostGoesLocalEverythingElseRemote() {
        Named local = new Named("local");
        Named remote = new Named("remote");
        RoutingTransport routing = new RoutingTransport(local, remote);

        assertThat(routing.exec(new HostCommand("localhost", List.of("true"), Duration.ofSeconds(1))).stdout())
                .isEqualTo("local");
        assertThat(routing.exec(new HostCommand("node001", List.of("true"), Duration.ofSeconds(1))).stdout())
                .isEqualTo("remote");
        assertThat(routing.exec(new HostCommand("127.0.0.1", List.of("true"), Duration.ofSeconds(1))).stdout())
                .isEqualTo("remote");
        assertThat(local.hosts).containsExactly("localhost");
        assertThat(remote.hosts).containsExactly("node001", "127.0.0.1");
    }

    @Test
    void closesBoth() {
        Named local = new Named("local");
        Named remote = new Named("remote");

        new RoutingTransport(local, remote).close();

        assertThat(local.closed).isTrue();
        assertThat(remote.closed).isTrue();
    }
}
