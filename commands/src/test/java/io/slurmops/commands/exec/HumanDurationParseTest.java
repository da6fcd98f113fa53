package io.slurmops.commands.exec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The one duration parser: every unit chat and configuration used before, and what format writes. */
class HumanDurationParseTest {

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "20s, PT20S", "90s, PT1M30S", "30m, PT30M", "2h, PT2H", "1d, PT24H", "4w, PT672H",
            "1h30m, PT1H30M", "2m30s, PT2M30S", "'20 s', PT20S", "2H, PT2H"})
    void acceptedForms(String text, String expected) {
        assertThat(HumanDuration.parse(text)).contains(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "0m", "0s0m", "10", "m", "1.5h", "-1h", "1y", "1h 30"})
    void rejectedForms(String text) {
        assertThat(HumanDuration.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {250, 1000, 60_000, 150_000, 3_900_000, 7_200_000})
    void whatFormatWritesWholeParsesBack(long millis) {
        Duration d = Duration.ofMillis(millis);
        assertThat(HumanDuration.parse(HumanDuration.format(d))).contains(d);
    }
}
