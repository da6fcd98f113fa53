package io.slurmops.adapters.transport;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.connection.ConnectionException;

/**
 * Keepalive for every pooled connection from one thread. sshj's own keepalive is a thread per
 * connection (a thousand pooled hosts meant a thousand more threads); here one scheduled thread
 * sends {@code keepalive@openssh.com} (reply wanted) to each connection in turn and kills the
 * connection when {@code maxUnanswered} of them in a row got no reply, as sshj's runner does.
 * Any reply counts, a refusal too: it proves the peer is alive.
 *
 * <p>A send never blocks for long: keepalives are a few dozen bytes, and a dead peer's socket buffer
 * takes thousands of them before a write could wait.
 */
final class SharedKeepAlive implements AutoCloseable {

    /** The SSH connection as the keepalive sees it (sshj in production, a fake in the unit test). */
    interface Peer {
        boolean connected();

        /** Sends one keepalive; the returned supplier says whether its reply has arrived. */
        BooleanSupplier ping() throws Exception;

        /** Tears the connection down: commands on it fail as "connection lost", the pool reconnects. */
        void kill(String why);
    }

    private final int maxUnanswered;
    private final Duration interval;
    private final Map<Peer, Deque<BooleanSupplier>> peers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    /** @param interval zero disables keepalive (no thread is started) */
    SharedKeepAlive(Duration interval, int maxUnanswered) {
        if (maxUnanswered < 1) {
            throw new IllegalArgumentException("maxUnanswered must be at least 1: " + maxUnanswered);
        }
        this.interval = interval;
        this.maxUnanswered = maxUnanswered;
        if (interval.isZero()) {
            this.timer = null;
        } else {
            this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ssh-keepalive");
                t.setDaemon(true);
                return t;
            });
            long millis = interval.toMillis();
            timer.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    void watch(Peer peer) {
        if (timer != null) {
            peers.put(peer, new ArrayDeque<>());
        }
    }

    int watched() {
        return peers.size();
    }

    /** One round over every connection; the timer calls it every interval (tests call it directly). */
    void tick() {
        for (Map.Entry<Peer, Deque<BooleanSupplier>> e : peers.entrySet()) {
            Peer peer = e.getKey();
            Deque<BooleanSupplier> pending = e.getValue();
            if (!peer.connected()) {
                peers.remove(peer);
                continue;
            }
            while (!pending.isEmpty() && pending.peekFirst().getAsBoolean()) {
                pending.removeFirst();
            }
            if (pending.size() >= maxUnanswered) {
                peers.remove(peer);
                peer.kill("no reply to " + maxUnanswered + " keepalives in "
                        + interval.multipliedBy(maxUnanswered).toSeconds() + " s");
                continue;
            }
            try {
                pending.addLast(peer.ping());
            } catch (Exception ex) {
                peers.remove(peer);
                peer.kill("keepalive could not be sent: " + ex.getMessage());
            }
        }
    }

    /** The sshj connection as a {@link Peer}. */
    static Peer peerOf(SSHClient client) {
        return new Peer() {
            @Override
            public boolean connected() {
                return client.isConnected();
            }

            @Override
            public BooleanSupplier ping() throws Exception {
                return client.getConnection().sendGlobalRequest("keepalive@openssh.com", true, new byte[0])::isFulfilled;
            }

            @Override
            public void kill(String why) {
                client.getTransport().die(new ConnectionException(DisconnectReason.CONNECTION_LOST, why));
            }
        };
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        peers.clear();
    }
}
