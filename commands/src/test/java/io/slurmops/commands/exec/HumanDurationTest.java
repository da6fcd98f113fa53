package io.slurmops.commands.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

    @ParameterizedTest
    @CsvSource({"250, 250ms", "1000, 1s", "1500, 1.5s", "59999, 59.9s", "60000, 1m", "150000, 2m30s",
            "3900000, 1h5m", "7200000, 2h"})
    void formatsShortly(long millis, String expected) {
        assertThat(HumanDuration.format(Duration.ofMillis(millis))).isEqualTo(expected);
    }
}
