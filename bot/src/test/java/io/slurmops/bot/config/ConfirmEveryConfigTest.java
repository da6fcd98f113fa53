package io.slurmops.bot.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** alerts.confirmEvery: the spacing of the quick polls that confirm a recovery after a fix ran. */
class ConfirmEveryConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void itDefaultsToTwoSecondsAndCanBeSet() throws ConfigException {
        assertThat(loader.parse("alerts:\n  enabled: true\n", "t.yaml").alerts().confirmEvery())
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(loader.parse("alerts:\n  confirmEvery: 5s\n", "t.yaml").alerts().confirmEvery())
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aSpacingThatConfirmsNothingIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> loader.parse("alerts:\n  confirmEvery: 10ms\n", "t.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p).startsWith("alerts.confirmEvery: `10ms` is too short")));
    }
}
