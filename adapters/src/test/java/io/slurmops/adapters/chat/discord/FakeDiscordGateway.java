package io.slurmops.adapters.chat.discord;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.slurmops.adapters.chat.testing.Fixtures;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;

/**
 * Discord's gateway on 127.0.0.1, speaking what JDA expects: HELLO on open; READY (with
 * resume_gateway_url pointing here) and GUILD_CREATE after IDENTIFY; RESUMED after RESUME; heartbeat
 * ACKs. Frames are zlib-stream compressed when the client asks for it in the URL, as Discord does,
 * so the adapter runs with its production settings.
 */
public final class FakeDiscordGateway extends WebSocketServer {

    public static final String GUILD = "100000000000000010";
    public static final String CHANNEL = "100000000000000020";

    /** MESSAGE_CONTENT, privileged: without it Discord blanks the content of messages that do not mention the bot. */
    public static final int MESSAGE_CONTENT = 1 << 15;

    /** Per-connection state: its zlib stream, sequence counter and the intents it identified with. */
    private static final class Session {
        final Deflater deflater;
        final AtomicInteger seq = new AtomicInteger();
        volatile int intents = -1;

        Session(boolean zlib) {
            this.deflater = zlib ? new Deflater() : null;
        }
    }

    private final CountDownLatch started = new CountDownLatch(1);
    private final Map<WebSocket, Session> sessions = new ConcurrentHashMap<>();
    private final List<JsonObject> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger opens = new AtomicInteger();
    private final AtomicInteger readies = new AtomicInteger();
    private volatile WebSocket current;
    /** Extra channels put into GUILD_CREATE (id → name). */
    private final Map<String, String> extraChannels = new ConcurrentHashMap<>();
    /** As Discord does when the portal's Message Content Intent toggle is off. */
    private volatile boolean refuseMessageContent;

    public FakeDiscordGateway() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
    }

    public void startAndWait() throws InterruptedException {
        start();
        if (!started.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake gateway did not start");
        }
    }

    public String url() {
        return "ws://127.0.0.1:" + getPort() + "/";
    }

    /** IDENTIFY asking for MESSAGE_CONTENT is answered with close 4014 (Disallowed intent(s)). */
    public void refuseMessageContent() {
        refuseMessageContent = true;
    }

    /** The intents of the newest IDENTIFY, -1 before one. */
    public int identifiedIntents() {
        Session s = current == null ? null : sessions.get(current);
        return s == null ? -1 : s.intents;
    }

    public void addChannel(String id, String name) {
        extraChannels.put(id, name);
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        sessions.put(conn, new Session(handshake.getResourceDescriptor().contains("compress=zlib-stream")));
        current = conn;
        opens.incrementAndGet();
        JsonObject hello = Fixtures.json("discord/gateway_hello.json");
        send(conn, hello);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        JsonObject frame = JsonParser.parseString(message).getAsJsonObject();
        received.add(frame);
        switch (frame.get("op").getAsInt()) {
            case 1 -> send(conn, Fixtures.json("discord/gateway_heartbeat_ack.json"));
            case 2 -> {
                int intents = frame.getAsJsonObject("d").get("intents").getAsInt();
                if (refuseMessageContent && (intents & MESSAGE_CONTENT) != 0) {
                    conn.close(4014, "Disallowed intent(s).");
                    return;
                }
                sessions.get(conn).intents = intents;
                JsonObject ready = Fixtures.json("discord/gateway_ready_minimal.json");
                ready.getAsJsonObject("d").addProperty("resume_gateway_url", url());
                ready.getAsJsonObject("d").addProperty("session_id", "fake-session-" + readies.incrementAndGet());
                JsonObject application = new JsonObject();          // /slurm is registered under its id
                application.addProperty("id", FakeDiscordRest.BOT_ID);
                application.addProperty("flags", 0);
                ready.getAsJsonObject("d").add("application", application);
                dispatch(conn, ready);
                dispatch(conn, guildCreate());
            }
            case 6 -> {
                JsonObject resumed = new JsonObject();
                resumed.addProperty("op", 0);
                resumed.addProperty("t", "RESUMED");
                resumed.add("d", new JsonObject());
                dispatch(conn, resumed);
            }
            default -> { }
        }
    }

    private JsonObject guildCreate() {
        JsonObject guild = Fixtures.json("discord/gateway_guild_create_minimal.json");
        JsonObject d = guild.getAsJsonObject("d");
        // VIEW_CHANNEL, SEND_MESSAGES, SEND_MESSAGES_IN_THREADS, ADD_REACTIONS, READ_MESSAGE_HISTORY,
        // ATTACH_FILES, EMBED_LINKS: JDA checks cached permissions before sending.
        d.getAsJsonArray("roles").get(0).getAsJsonObject().addProperty("permissions", "274878024768");
        extraChannels.forEach((id, name) -> {
            JsonObject ch = d.getAsJsonArray("channels").get(0).getAsJsonObject().deepCopy();
            ch.addProperty("id", id);
            ch.addProperty("name", name);
            d.getAsJsonArray("channels").add(ch);
        });
        return guild;
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        Session s = sessions.remove(conn);
        if (s != null && s.deflater != null) {
            s.deflater.end();
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }

    /** Sends a dispatch (op 0) with the connection's next sequence number on the newest connection. */
    public void dispatch(JsonObject frame) {
        WebSocket c = current;
        if (c == null || !c.isOpen()) {
            throw new IllegalStateException("no open gateway connection");
        }
        dispatch(c, frame);
    }

    /**
     * Sends a dispatch to every identified session, each with its own sequence number: what Discord does
     * for several sessions of the same shard (two bot instances both get every event).
     */
    public void broadcast(JsonObject frame) {
        List<WebSocket> open = sessions.entrySet().stream().filter(e -> e.getKey().isOpen() && e.getValue().intents >= 0)
                .map(Map.Entry::getKey).toList();
        if (open.isEmpty()) {
            throw new IllegalStateException("no identified gateway session");
        }
        open.forEach(c -> dispatch(c, frame.deepCopy()));
    }

    /** Identified sessions whose connection is open now. */
    public int identifiedSessions() {
        return (int) sessions.entrySet().stream().filter(e -> e.getKey().isOpen() && e.getValue().intents >= 0).count();
    }

    private void dispatch(WebSocket conn, JsonObject frame) {
        Session session = sessions.get(conn);
        if (session.intents >= 0 && (session.intents & MESSAGE_CONTENT) == 0 && "MESSAGE_CREATE".equals(str(frame, "t"))) {
            JsonObject d = frame.getAsJsonObject("d");
            if (!d.has("content") || !d.get("content").getAsString().contains("<@" + FakeDiscordRest.BOT_ID + ">")) {
                d.addProperty("content", "");                  // what Discord sends without the intent
            }
        }
        frame.addProperty("s", session.seq.incrementAndGet());
        send(conn, frame);
    }

    private static String str(JsonObject o, String k) {
        return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsString() : null;
    }

    /** Sends a raw op, e.g. op 7 RECONNECT. */
    public void sendOp(int op) {
        JsonObject frame = new JsonObject();
        frame.addProperty("op", op);
        frame.add("d", com.google.gson.JsonNull.INSTANCE);
        send(current, frame);
    }

    /** Closes the newest connection from the server side with a resumable code. */
    public void dropConnection(int code) {
        current.close(code, "fake gateway drop");
    }

    private void send(WebSocket conn, JsonObject frame) {
        Session s = sessions.get(conn);
        if (!conn.isOpen()) {
            return;                                          // e.g. a heartbeat ACK racing a drop
        }
        byte[] json = frame.toString().getBytes(StandardCharsets.UTF_8);
        if (s == null || s.deflater == null) {
            conn.send(new String(json, StandardCharsets.UTF_8));
            return;
        }
        // zlib-stream: one deflate stream per connection, each message ending with a sync flush (00 00 ff ff).
        synchronized (s) {
            s.deflater.setInput(json);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            do {
                n = s.deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                out.write(buf, 0, n);
            } while (n == buf.length);
            conn.send(out.toByteArray());
        }
    }

    public int opens() {
        return opens.get();
    }

    /** Waits for a client frame with this op, seen after {@code after} earlier ones. */
    public JsonObject awaitOp(int op, int occurrence) throws InterruptedException {
        // JDA reconnects after its own back-off; on a loaded CI machine 10 s was once too short for a resume
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            List<JsonObject> matching = received.stream().filter(f -> f.get("op").getAsInt() == op).toList();
            if (matching.size() >= occurrence) {
                return matching.get(occurrence - 1);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no op " + op + " #" + occurrence + " from the client within 30 s");
    }

    public void shutdown() {
        try {
            stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
