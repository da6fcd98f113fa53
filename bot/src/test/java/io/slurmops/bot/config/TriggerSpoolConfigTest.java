package io.slurmops.bot.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** alerts.triggerSpool is written into scripts slurmctld runs: `config check` refuses what a shell would read. */
class TriggerSpoolConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void aSpoolPathWithShellCharactersIsAConfigErrorNamingTheKey() {
        for (String bad : new String[] {"/var/spool/$(id)", "/var/spool/`id`", "/var/my spool", "relative/spool",
                "/var/it's"}) {
            assertThatThrownBy(() -> loader.parse("alerts:\n  triggerSpool: \"" + bad.replace("\"", "\\\"") + "\"\n",
                    "t.yaml"))
                    .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                            .satisfies(p -> assertThat(p).startsWith("alerts.triggerSpool: `" + bad + "` must be an "
                                    + "absolute path")));
        }
    }

    @Test
    void aPlainAbsoluteSpoolPathIsAccepted() throws ConfigException {
        assertThat(loader.parse("alerts:\n  triggerSpool: /var/spool/slurmops-1.d/triggers\n", "t.yaml").alerts()
                .triggerSpool()).isEqualTo("/var/spool/slurmops-1.d/triggers");
    }
}
