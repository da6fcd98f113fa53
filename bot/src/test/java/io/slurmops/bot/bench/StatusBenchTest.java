package io.slurmops.bot.bench;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatusBenchTest {

    @Test
    void anUnknownCommandIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> new StatusBench(null, 3, 0, List.of("status", "squeue")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--commands takes status, nodes and health (got `squeue`)");
    }
}
