package io.slurmops.bot.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrivilegeConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void withoutAPrivilegeSectionCommandsRunDirectly() throws ConfigException {
        PrivilegeConfig p = loader.parse("prefix: \"!slurm\"\n", "t.yaml").privilege();
        assertThat(p.enabled()).isFalse();
        assertThat(p.sudo()).containsExactly("sudo", "-n");
    }

    @Test
    void aHelperWithItsDirectoriesIsRead() throws ConfigException {
        PrivilegeConfig p = loader.parse("privilege:\n  helper: /usr/lib/slurmops/slurmops-root-helper\n"
                + "  paths: [/var/spool/slurmctld, /etc/slurm]\n", "t.yaml").privilege();
        assertThat(p.helper()).contains("/usr/lib/slurmops/slurmops-root-helper");
        assertThat(p.paths()).containsExactly("/var/spool/slurmctld", "/etc/slurm");
        assertThat(p.enabled()).isTrue();
    }

    @Test
    void everyBadValueIsNamedByItsKey() {
        assertThatThrownBy(() -> loader.parse("privilege:\n  helper: slurmops-root-helper\n  sudo: [sudo]\n"
                + "  paths: [/, spool]\n  shell: yes\n", "t.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(String.join("\n", e.problems()))
                        .contains("privilege.helper: `slurmops-root-helper` is not an absolute path")
                        .contains("privilege.sudo: must contain -n")
                        .contains("privilege.paths[0]: `/` must be an absolute directory below /")
                        .contains("privilege.paths[1]: `spool`")
                        .contains("shell"));
    }
}
