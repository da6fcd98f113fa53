package io.slurmops.adapters.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slurmops.adapters.transport.SshClientPool.PooledClient;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.schmizz.sshj.SSHClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pool bookkeeping with unconnected clients; real connections are covered by the sshd tests. */
@Timeout(30)
class SshClientPoolTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger opens = new AtomicInteger();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private SshClientPool pool(Duration idle, long openMillis) {
        return new SshClientPool(host -> {
            opens.incrementAndGet();
            sleep(openMillis);
            return new SSHClient();
        }, idle);
    }

    @Test
    void reusesOneClientPerHost() throws Exception {
        try (SshClientPool pool = pool(Duration.ofMinutes(1), 0)) {
            PooledClient first = pool.lease("node001");
            first.release();
            PooledClient second = pool.lease("node001");
            second.release();
            PooledClient other = pool.lease("node002");
            other.release();

            assertThat(second).isSameAs(first);
            assertThat(other).isNotSameAs(first);
            assertThat(pool.connectionsOpened()).isEqualTo(2);
        }
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfConnections() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        try (SshClientPool pool = new SshClientPool(host -> new SSHClient() {
            @Override
            public void disconnect() throws java.io.IOException {
                closed.incrementAndGet();
                super.disconnect();
            }
        }, Duration.ofMinutes(1), 10)) {
            for (int i = 1; i <= 50; i++) {
                pool.lease("node" + i).release();
            }
            assertThat(pool.size()).isLessThanOrEqualTo(10);
            assertThat(pool.connectionsOpened()).isEqualTo(50);
            // evicted connections are closed, not merely forgotten
            assertThat(closed.get()).isGreaterThanOrEqualTo(40);
        }
    }

    @Test
    void concurrentCallersForOneHostShareOneConnectAttempt() throws Exception {
        try (SshClientPool pool = pool(Duration.ofMinutes(1), 300)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<PooledClient>> leases = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                leases.add(threads.submit(() -> {
                    go.await();
                    return pool.lease("node001");
                }));
            }
            go.countDown();
            PooledClient first = leases.get(0).get(10, TimeUnit.SECONDS);
            for (Future<PooledClient> lease : leases) {
                assertThat(lease.get(10, TimeUnit.SECONDS)).isSameAs(first);
            }

            assertThat(opens.get()).isEqualTo(1);
        }
    }

    @Test
    void aSlowHostDoesNotBlockOtherHosts() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        try (SshClientPool pool = new SshClientPool(host -> {
            if (host.equals("slow")) {
                slowStarted.countDown();
                await(releaseSlow);
            }
            return new SSHClient();
        }, Duration.ofMinutes(1))) {
            Future<PooledClient> slow = threads.submit(() -> pool.lease("slow"));
            assertThat(slowStarted.await(5, TimeUnit.SECONDS)).isTrue();

            Future<PooledClient> fast = threads.submit(() -> pool.lease("fast"));

            assertThat(fast.get(2, TimeUnit.SECONDS)).isNotNull();
            releaseSlow.countDown();
            assertThat(slow.get(5, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void waitersShareAFailureAndTheNextCallTriesAgain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch twoWaiting = new CountDownLatch(1);
        try (SshClientPool pool = new SshClientPool(host -> {
            if (attempts.incrementAndGet() == 1) {
                await(twoWaiting);
                throw new ConnectException("Connection refused");
            }
            return new SSHClient();
        }, Duration.ofMinutes(1))) {
            Callable<PooledClient> lease = () -> pool.lease("node001");
            Future<PooledClient> a = threads.submit(lease);
            Future<PooledClient> b = threads.submit(lease);
            Thread.sleep(200);
            twoWaiting.countDown();

            for (Future<PooledClient> f : List.of(a, b)) {
                assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(ConnectException.class);
            }
            assertThat(attempts.get()).isEqualTo(1);
            assertThat(pool.lease("node001")).isNotNull();
            assertThat(attempts.get()).isEqualTo(2);
        }
    }

    @Test
    void aDiscardedClientIsReplacedButStaysUsableForItsHolder() throws Exception {
        try (SshClientPool pool = pool(Duration.ofMinutes(1), 0)) {
            PooledClient broken = pool.lease("node001");

            pool.discard("node001", broken);
            PooledClient fresh = pool.lease("node001");

            assertThat(fresh).isNotSameAs(broken);
            assertThat(broken.tryLease()).isFalse();
            assertThat(pool.connectionsOpened()).isEqualTo(2);
            broken.release();
            fresh.release();
        }
    }

    @Test
    void idleClientsExpireButLeasedOnesAreNotClosedUnderTheirHolder() throws Exception {
        try (SshClientPool pool = pool(Duration.ofMillis(200), 0)) {
            PooledClient held = pool.lease("busy");
            pool.lease("idle").release();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (pool.size() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            assertThat(pool.size()).isZero();
            // Expired while leased: retired (no new leases), but its holder still has it.
            assertThat(held.tryLease()).isFalse();
            held.release();
            assertThat(pool.lease("busy")).isNotSameAs(held);
        }
    }

    @Test
    void refusesLeasesAfterClose() {
        SshClientPool pool = pool(Duration.ofMinutes(1), 0);
        pool.close();

        assertThatThrownBy(() -> pool.lease("node001")).isInstanceOf(IllegalStateException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void closeClosesEveryPooledClientSideBySide() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        SshClientPool pool = new SshClientPool(host -> new SSHClient() {
            @Override
            public void close() {
                sleep(200); // a disconnect that takes a while
                closed.incrementAndGet();
            }
        }, Duration.ofMinutes(1));
        for (int i = 0; i < 40; i++) {
            pool.lease("node" + i).release();
        }
        long start = System.nanoTime();
        pool.close();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(closed).hasValue(40);
        assertThat(millis).as("40 closes of 200 ms one after the other would take 8 s").isLessThan(4000);
    }

    @Test
    void withAnUnreachableWindowAHostWithoutARouteIsNotDialledAgainRightAway() throws Exception {
        AtomicInteger dials = new AtomicInteger();
        try (SshClientPool pool = new SshClientPool(host -> {
            dials.incrementAndGet();
            throw new java.net.NoRouteToHostException("No route to host");
        }, Duration.ofMinutes(1), SshSettings.DEFAULT_MAX_POOLED_CONNECTIONS, new UnreachableHosts(Duration.ofSeconds(3)))) {
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> pool.lease("sim00001")).isInstanceOf(java.net.NoRouteToHostException.class);
            }
            assertThat(dials).hasValue(1);
        }
    }

    @Test
    void byDefaultARetryRightAfterANoRouteFailureDialsAgain() throws Exception {
        // an operator who fixed the link and resumes at once must get a real attempt, not the old failure
        AtomicInteger dials = new AtomicInteger();
        try (SshClientPool pool = new SshClientPool(host -> {
            if (dials.incrementAndGet() == 1) {
                throw new java.net.NoRouteToHostException("No route to host");
            }
            return new SSHClient();
        }, Duration.ofMinutes(1))) {
            assertThatThrownBy(() -> pool.lease("node003")).isInstanceOf(java.net.NoRouteToHostException.class);
            pool.lease("node003").release();
            assertThat(dials).hasValue(2);
        }
    }
}
