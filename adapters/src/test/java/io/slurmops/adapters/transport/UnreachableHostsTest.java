package io.slurmops.adapters.transport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UnreachableHostsTest {

    private final AtomicLong now = new AtomicLong();
    private final UnreachableHosts hosts = new UnreachableHosts(Duration.ofSeconds(3), now::get);

    @Test
    void noRouteFailsAtOnceUntilTheTtlPasses() {
        NoRouteToHostException noRoute = new NoRouteToHostException("No route to host");
        hosts.failed("sim00001", noRoute);
        now.addAndGet(Duration.ofMillis(2900).toNanos());
        assertThatThrownBy(() -> hosts.failFast("sim00001")).isSameAs(noRoute);
        assertThatCode(() -> hosts.failFast("sim00002")).doesNotThrowAnyException();
        now.addAndGet(Duration.ofMillis(200).toNanos());
        assertThatCode(() -> hosts.failFast("sim00001")).doesNotThrowAnyException();
    }

    @Test
    void aTimeoutIsRememberedToo() {
        hosts.failed("node001", new SocketTimeoutException("connect timed out"));
        assertThatThrownBy(() -> hosts.failFast("node001")).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void aRefusedConnectionIsDialledAgain() {
        hosts.failed("node001", new ConnectException("Connection refused"));
        assertThatCode(() -> hosts.failFast("node001")).doesNotThrowAnyException();
    }

    @Test
    void aSuccessfulConnectForgetsTheFailure() {
        hosts.failed("node001", new NoRouteToHostException("No route to host"));
        hosts.connected("node001");
        assertThatCode(() -> hosts.failFast("node001")).doesNotThrowAnyException();
    }
}
