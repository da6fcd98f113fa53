package io.slurmops.adapters.chat.slack;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.slurmops.adapters.chat.testing.Fixtures;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Slack's Socket Mode server on 127.0.0.1: greets each connection with the hello fixture, sends the
 * frames a test gives it on the newest connection, and collects acks ({@code {"envelope_id": …}}).
 */
public final class FakeSocketMode extends WebSocketServer {

    private final CountDownLatch started = new CountDownLatch(1);
    private final List<WebSocket> connections = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> acks = new LinkedBlockingQueue<>();
    private final java.util.List<JsonObject> ackFrames = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile WebSocket current;

    public FakeSocketMode() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
    }

    public void startAndWait() throws InterruptedException {
        start();
        if (!started.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake socket mode server did not start");
        }
    }

    /** What apps.connections.open returns. */
    public String url() {
        return "ws://127.0.0.1:" + getPort() + "/link/?ticket=fake&app_id=A111";
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        connections.add(conn);
        current = conn;
        conn.send(Fixtures.read("slack/socket_mode_hello.json"));
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        JsonObject o = JsonParser.parseString(message).getAsJsonObject();
        if (o.has("envelope_id")) {
            ackFrames.add(o);                            // before the id: a test woken by nextAck() sees the frame
            acks.add(o.get("envelope_id").getAsString());
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }

    /** Sends a frame on the newest connection. */
    public void sendFrame(String frame) {
        WebSocket c = current;
        if (c == null || !c.isOpen()) {
            throw new IllegalStateException("no open Socket Mode connection");
        }
        c.send(frame);
    }

    /**
     * The server drops the newest connection the way a network or a Slack edge does: the TCP socket is
     * closed without a WebSocket close handshake (code 1006 on the client's side).
     */
    public void dropConnection() {
        WebSocket c = current;
        if (c != null) {
            c.closeConnection(org.java_websocket.framing.CloseFrame.ABNORMAL_CLOSE, "dropped by the fake server");
        }
    }

    /** True when the newest connection is open (the client has reconnected after a drop). */
    public boolean connected() {
        WebSocket c = current;
        return c != null && c.isOpen();
    }

    public int connectionCount() {
        return connections.size();
    }

    public void awaitConnections(int n) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end && !(connections.size() >= n && current != null && current.isOpen())) {
            Thread.sleep(20);
        }
        if (connections.size() < n) {
            throw new AssertionError("expected " + n + " Socket Mode connections, got " + connections.size());
        }
    }

    /** Every ack so far as sent ({@code {"envelope_id", "payload"?}}), in order. */
    public java.util.List<JsonObject> ackFrames() {
        return java.util.List.copyOf(ackFrames);
    }

    /** The next ack's envelope id, or an AssertionError after 10 s. */
    public String nextAck() throws InterruptedException {
        String id = acks.poll(10, TimeUnit.SECONDS);
        if (id == null) {
            throw new AssertionError("no ack within 10 s");
        }
        return id;
    }

    /** The next ack's envelope id, or null when none comes within {@code wait}. */
    public String ackWithin(Duration wait) throws InterruptedException {
        return acks.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void shutdown() {
        try {
            stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
