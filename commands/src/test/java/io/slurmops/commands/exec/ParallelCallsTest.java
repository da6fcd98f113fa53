package io.slurmops.commands.exec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelCallsTest {

    @Test
    @Timeout(10)
    void runsSideBySideWithinTheLimitAndKeepsOrder() throws Exception {
        try (ParallelCalls calls = new ParallelCalls(3)) {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            CountDownLatch three = new CountDownLatch(3);
            List<Callable<Integer>> work = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                work.add(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    three.countDown();
                    three.await(5, TimeUnit.SECONDS);
                    Thread.sleep(20);
                    running.decrementAndGet();
                    return n;
                });
            }
            assertThat(calls.all(work, e -> -1)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            // three pool threads, plus the caller when all are busy
            assertThat(most.get()).isBetween(3, 4);
        }
    }

    @Test
    @Timeout(10)
    void callsThatFanOutAgainNeverWaitForThreadsTheirCallersHold() {
        try (ParallelCalls calls = new ParallelCalls(2)) {
            List<Callable<Integer>> outer = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                outer.add(() -> calls.all(List.<Callable<Integer>>of(() -> 1, () -> 2, () -> 3), e -> 0)
                        .stream().mapToInt(Integer::intValue).sum());
            }
            assertThat(calls.all(outer, e -> -1)).containsExactly(6, 6, 6, 6);
        }
    }

    @Test
    void aFailedCallGivesItsReplacementAndAClosedPoolRefuses() {
        ParallelCalls calls = new ParallelCalls(1);
        assertThat(calls.all(List.<Callable<String>>of(() -> "ok", () -> {
            throw new IllegalStateException("boom");
        }), Throwable::getMessage)).containsExactly("ok", "boom");
        calls.close();
        assertThatThrownBy(() -> calls.all(List.<Callable<String>>of(() -> "late"), Throwable::getMessage))
                .hasMessageContaining("closed");
    }
}
