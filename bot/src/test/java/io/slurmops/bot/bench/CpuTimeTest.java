package io.slurmops.bot.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fan-out bench splits wall time by whose CPU it was: this process, its reaped children, the machine. */
class CpuTimeTest {

    @Test
    void ownWorkCountsAsSelfAndAReapedChildsWorkAsChildren() throws Exception {
        CpuTime before = CpuTime.now();
        long x = 0;
        long end = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < end) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        CpuTime mid = CpuTime.now();
        ExternalTool.run(List.of("sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done"), Map.of());
        CpuTime after = CpuTime.now();

        assertThat(mid.minus(before).self()).as("a busy loop of 0.3 s (x=%d)", x).isGreaterThan(0.1);
        assertThat(after.minus(mid).children()).as("the shell's loop, once reaped").isGreaterThan(0.05);
        assertThat(after.minus(before).machine()).as("the machine was busy at least that long")
                .isGreaterThanOrEqualTo(after.minus(before).children());
    }
}
