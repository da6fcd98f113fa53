package io.slurmops.bot.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertmanagerConfigTest {

    @Test
    void offByDefaultAndOnLoopbackWhenEnabled() throws ConfigException {
        assertThat(new ConfigLoader(Map.of()).parse("", "t").alertmanager().enabled()).isFalse();
        AlertmanagerConfig am = new ConfigLoader(Map.of("AM_TOKEN", "t0ken")).parse("""
                alertmanager:
                  enabled: true
                  auth: {secret: "${AM_TOKEN}"}
                  fixes:
                    - alertname: SlurmNodeDown
                      matchers: {job: slurm}
                      command: restart slurmd {node}
                """, "t").alertmanager();
        assertThat(am.enabled()).isTrue();
        assertThat(am.address()).isEqualTo("127.0.0.1");
        assertThat(am.port()).isEqualTo(AlertmanagerConfig.DEFAULT_PORT);
        assertThat(am.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(am.auth()).isEqualTo(AlertmanagerConfig.AuthType.BEARER);
        assertThat(am.secret()).isEqualTo("t0ken");
        assertThat(am.toString()).doesNotContain("t0ken");
        assertThat(am.fixes()).containsExactly(new AlertmanagerConfig.FixRule("SlurmNodeDown", Map.of("job", "slurm"),
                "restart slurmd {node}"));
        assertThat(am.fixes().get(0).matches(Map.of("alertname", "SlurmNodeDown", "job", "slurm", "node", "n1"))).isTrue();
        assertThat(am.fixes().get(0).matches(Map.of("alertname", "SlurmNodeDown", "job", "other"))).isFalse();
    }

    @Test
    void anEnabledWebhookWithoutCredentialsOrWithBadRulesIsRefusedWithEveryProblem() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse("""
                alertmanager:
                  enabled: true
                  path: "no-slash"
                  auth: {type: basic}
                  fixes:
                    - alertname: X
                      command: restart slurmd node{node}
                    - command: restart slurmd {node}
                """, "t"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).contains("alertmanager.path"),
                        p -> assertThat(p).contains("alertmanager.auth.secret").contains("exactly one of"),
                        p -> assertThat(p).contains("alertmanager.auth.username"),
                        p -> assertThat(p).contains("alertmanager.fixes[0].command").contains("whole word"),
                        p -> assertThat(p).contains("alertmanager.fixes[1].alertname")));
    }

    @Test
    void aSecretFileMustBeAbsoluteAndReplacesTheSecret() throws ConfigException {
        AlertmanagerConfig am = new ConfigLoader(Map.of()).parse("""
                alertmanager:
                  enabled: true
                  auth: {type: basic, username: am, secretFile: /etc/slurmops/am-password}
                """, "t").alertmanager();
        assertThat(am.secretFile()).isEqualTo("/etc/slurmops/am-password");
        assertThat(am.fixes()).isEqualTo(List.of());
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse("""
                alertmanager:
                  enabled: true
                  auth: {secretFile: am-token}
                """, "t")).hasMessageContaining("must be an absolute path");
    }
}
