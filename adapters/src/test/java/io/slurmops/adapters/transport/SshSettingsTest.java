package io.slurmops.adapters.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SshSettingsTest {

    private static SshSettings.Builder builder() {
        return SshSettings.builder("labops", Path.of("/keys/id_ed25519"), Path.of("/keys/known_hosts"));
    }

    @Test
    void hasSafeDefaults() {
        SshSettings settings = builder().build();

        assertThat(settings.port()).isEqualTo(22);
        assertThat(settings.maxSessionsPerHost()).isEqualTo(8).isLessThan(10);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.keepAliveInterval()).isPositive();
        assertThat(settings.maxOutputBytes()).isEqualTo(4 * 1024 * 1024);
    }

    @Test
    void endpointOverridesApplyPerHost() {
        SshSettings settings = builder().port(2222).endpoint("node001", "10.0.0.1", 22).build();

        assertThat(settings.endpointFor("node001")).isEqualTo(new SshSettings.Endpoint("10.0.0.1", 22));
        assertThat(settings.endpointFor("node002")).isEqualTo(new SshSettings.Endpoint("node002", 2222));
    }

    @Test
    void neverPrintsThePassphrase() {
        SshSettings settings = builder().keyPassphrase("hunter2-secret").build();

        assertThat(settings.toString()).doesNotContain("hunter2-secret").contains("keyPassphrase=<redacted>");
        assertThat(builder().build().toString()).contains("keyPassphrase=none");
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> builder().port(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().maxSessionsPerHost(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().connectTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SshSettings.builder(" ", Path.of("k"), Path.of("kh")).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMissingKnownHostsFileIsAConfigurationError() {
        SshSettings settings = builder().build();

        assertThatThrownBy(() -> new SshTransport(settings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("known_hosts");
    }
}
