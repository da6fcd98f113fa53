package io.slurmops.bot.approval;

import io.slurmops.commands.nodes.NodeTargets;
import io.slurmops.testing.FakeCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The bot's autocomplete for /slurm: from the declared grammar, from memory, fast while slurmctld is slow. */
@Timeout(60)
class AutocompleteTest {

    @TempDir
    Path dir;
    ApprovalHarness h;
    FakeCluster cluster;
    final AtomicBoolean slow = new AtomicBoolean();

    @BeforeEach
    void start() throws Exception {
        cluster = FakeCluster.withNodes(4).hook(cmd -> {
            if (cmd.argv().containsAll(NodeTargets.SINFO_NAMES) && slow.get()) {
                sleep(8000);                                  // slurmctld hanging on sinfo
            }
            return Optional.empty();
        });
        h = new ApprovalHarness(dir, cluster);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private List<String> complete(String user, String partial) {
        return h.app.bot().complete(ApprovalHarness.PLATFORM, ApprovalHarness.CHANNEL, user, partial);
    }

    @Test
    void nodeNamesAndRequestIdsByTheDeclaredParameterTypes() {
        List<String> nodes = eventually(() -> complete("bob", "drain node00"));
        assertThat(nodes).containsExactly("drain node001", "drain node002", "drain node003", "drain node004");
        assertThat(complete("bob", "dr")).contains("drain");
        assertThat(complete("bob", "drain node001 ")).as("the reason is free text").isEmpty();

        h.say("erin", "!slurm down node003 fan");
        h.clock.advance(Duration.ofSeconds(10));              // open requests are cached for 5 s
        assertThat(eventually(() -> complete("bob", "approve "))).containsExactly("approve 1");
        assertThat(complete("bob", "approve 2")).isEmpty();
        assertThat(complete("stranger", "drain node")).as("no role, no names").isEmpty();
    }

    @Test
    void answersFromMemoryWhileTheClusterIsSlow() {
        eventually(() -> complete("bob", "drain node"));
        int sinfos = cluster.ran(NodeTargets.SINFO_NAMES.toArray(String[]::new)).size();
        slow.set(true);
        h.clock.advance(Duration.ofMinutes(2));               // the names are stale: a refresh starts, and hangs

        long t0 = System.nanoTime();
        List<String> first = complete("bob", "resume node00");
        List<String> second = complete("bob", "resume node00");
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).isLessThan(Duration.ofMillis(500));
        assertThat(first).hasSize(4).allMatch(l -> l.startsWith("resume node00"));
        assertThat(second).isEqualTo(first);
        sleep(300);
        assertThat(cluster.ran(NodeTargets.SINFO_NAMES.toArray(String[]::new))).as("one refresh at a time")
                .hasSize(sinfos + 1);
    }

    private static List<String> eventually(Supplier<List<String>> s) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            List<String> r = s.get();
            if (!r.isEmpty()) {
                return r;
            }
            sleep(50);
        }
        throw new AssertionError("nothing completed within 10 s");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
