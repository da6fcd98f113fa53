package io.slurmops.adapters.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class SharedKeepAliveTest {

    /** A peer at the network edge: answers keepalives or not, and records how it was killed. */
    private static final class FakePeer implements SharedKeepAlive.Peer {
        boolean connected = true;
        boolean answers = true;
        boolean sendFails;
        int pings;
        String killedBecause;

        @Override
        public boolean connected() {
            return connected;
        }

        @Override
        public BooleanSupplier ping() throws IOException {
            if (sendFails) {
                throw new IOException("broken pipe");
            }
            pings++;
            return () -> answers; // replies arrive in order: once the peer answers, every earlier one is in

        }

        @Override
        public void kill(String why) {
            killedBecause = why;
        }
    }

    @Test
    void aPeerThatAnswersIsKeptForever() {
        try (SharedKeepAlive keepAlive = new SharedKeepAlive(Duration.ofHours(1), 3)) {
            FakePeer peer = new FakePeer();
            keepAlive.watch(peer);
            for (int i = 0; i < 20; i++) {
                keepAlive.tick();
            }
            assertEquals(20, peer.pings);
            assertNull(peer.killedBecause);
            assertEquals(1, keepAlive.watched());
        }
    }

    @Test
    void aPeerSilentForMaxUnansweredRoundsIsKilledAndForgotten() {
        try (SharedKeepAlive keepAlive = new SharedKeepAlive(Duration.ofSeconds(10), 3)) {
            FakePeer silent = new FakePeer();
            silent.answers = false;
            FakePeer alive = new FakePeer();
            keepAlive.watch(silent);
            keepAlive.watch(alive);
            keepAlive.tick();
            keepAlive.tick();
            keepAlive.tick();
            assertNull(silent.killedBecause, "three keepalives sent, none overdue yet");
            keepAlive.tick();
            assertEquals("no reply to 3 keepalives in 30 s", silent.killedBecause);
            assertNull(alive.killedBecause);
            assertEquals(1, keepAlive.watched());
        }
    }

    @Test
    void aLateReplyResetsTheCount() {
        try (SharedKeepAlive keepAlive = new SharedKeepAlive(Duration.ofSeconds(10), 3)) {
            FakePeer peer = new FakePeer();
            peer.answers = false;
            keepAlive.watch(peer);
            keepAlive.tick();
            keepAlive.tick();
            keepAlive.tick();
            peer.answers = true; // a slow peer: the replies come in just before the limit
            for (int i = 0; i < 5; i++) {
                keepAlive.tick();
            }
            assertNull(peer.killedBecause);
            assertEquals(8, peer.pings);
        }
    }

    @Test
    void aClosedConnectionIsDroppedWithoutAPing() {
        try (SharedKeepAlive keepAlive = new SharedKeepAlive(Duration.ofSeconds(10), 3)) {
            FakePeer peer = new FakePeer();
            keepAlive.watch(peer);
            peer.connected = false;
            keepAlive.tick();
            assertEquals(0, peer.pings);
            assertEquals(0, keepAlive.watched());
            assertNull(peer.killedBecause);
        }
    }

    @Test
    void aFailedSendKillsTheConnection() {
        try (SharedKeepAlive keepAlive = new SharedKeepAlive(Duration.ofSeconds(10), 3)) {
            FakePeer peer = new FakePeer();
            peer.sendFails = true;
            keepAlive.watch(peer);
            keepAlive.tick();
            assertEquals("keepalive could not be sent: broken pipe", peer.killedBecause);
            assertEquals(0, keepAlive.watched());
        }
    }

    @Test
    void zeroIntervalWatchesNothing() {
        try (SharedKeepAlive keepAlive = new SharedKeepAlive(Duration.ZERO, 3)) {
            keepAlive.watch(new FakePeer());
            assertEquals(0, keepAlive.watched());
        }
    }
}
