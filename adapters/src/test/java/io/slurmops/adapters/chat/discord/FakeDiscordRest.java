package io.slurmops.adapters.chat.discord;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.slurmops.adapters.chat.testing.Fixtures;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Discord's REST API v10 on 127.0.0.1, as far as the adapter uses it: users/@me (token check),
 * create/edit message (JSON or multipart with attachments), add reaction, interaction callback.
 * Records every request.
 */
public final class FakeDiscordRest implements AutoCloseable {

    public static final String TOKEN = "fake-discord-bot-token";
    public static final String BOT_ID = "100000000000000001";

    /** One request: the JSON payload (or multipart payload_json) and attached files by name. */
    public record Call(String method, String path, JsonObject payload, Map<String, byte[]> files, String authorization,
                long atNanos) {
    }

    private record Scripted(int status, Map<String, String> headers, String body) {
    }

    private static final Pattern MESSAGES = Pattern.compile("/api/v10/channels/(\\d+)/messages(?:/(\\d+))?");

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Scripted>> scripted = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(200000000000000000L);
    private final Map<String, String> responses = new ConcurrentHashMap<>();
    /** Messages created with enforce_nonce, by channel and nonce: Discord returns the first again. */
    private final Map<String, String> byNonce = new ConcurrentHashMap<>();
    private volatile String token = TOKEN;

    public FakeDiscordRest() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v10/", this::handle);
        server.start();
    }

    /** Accepts this token instead of the default (the secrets scan uses a distinctive one). */
    public FakeDiscordRest token(String token) {
        this.token = token;
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v10/";
    }

    /** The next "METHOD /path-prefix" request gets this answer. */
    public void scriptOnce(String methodAndPathPrefix, int status, Map<String, String> headers, String body) {
        scripted.computeIfAbsent(methodAndPathPrefix, k -> new ArrayDeque<>()).add(new Scripted(status, headers, body));
    }

    public List<Call> calls(Predicate<Call> p) {
        return calls.stream().filter(p).toList();
    }

    public Call await(String description, Predicate<Call> p) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            for (Call c : calls) {
                if (p.test(c)) {
                    return c;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no REST call " + description + " within 10 s; calls: "
                + calls.stream().map(c -> c.method() + " " + c.path()).toList());
    }

    /** PUT …/reactions/{emoji}/@me calls as "messageId emoji", in order. */
    public List<String> reactions() {
        Pattern p = Pattern.compile("/api/v10/channels/\\d+/messages/(\\d+)/reactions/([^/]+)/@me");
        return calls.stream().filter(c -> c.method().equals("PUT")).map(c -> p.matcher(c.path()))
                .filter(Matcher::matches)
                .map(m -> m.group(1) + " " + java.net.URLDecoder.decode(m.group(2), StandardCharsets.UTF_8))
                .toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();         // as sent: emoji stay percent-encoded
        byte[] body = ex.getRequestBody().readAllBytes();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        JsonObject payload = new JsonObject();
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (type != null && type.startsWith("multipart/form-data")) {
            Multipart.parse(body, type).forEach(part -> {
                if ("payload_json".equals(part.name())) {
                    payload.asMap().putAll(JsonParser.parseString(part.text()).getAsJsonObject().asMap());
                } else if (part.filename() != null) {
                    files.put(part.filename(), part.content());
                }
            });
        } else if (body.length > 0 && type != null && type.contains("json")) {
            var json = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            if (json.isJsonArray()) {
                payload.add("array", json);                    // e.g. the commands of a bulk overwrite
            } else {
                payload.asMap().putAll(json.getAsJsonObject().asMap());
            }
        }
        calls.add(new Call(method, path, payload, files, auth, System.nanoTime()));

        for (var e : scripted.entrySet()) {
            if ((method + " " + path).startsWith(e.getKey()) && !e.getValue().isEmpty()) {
                Scripted s = e.getValue().poll();
                s.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
                send(ex, s.status(), s.body());
                return;
            }
        }
        if (!("Bot " + token).equals(auth)) {
            send(ex, 401, "{\"message\": \"401: Unauthorized\", \"code\": 0}");
            return;
        }
        Matcher m = MESSAGES.matcher(path);
        if (path.equals("/api/v10/users/@me") && method.equals("GET")) {
            send(ex, 200, Fixtures.read("discord/rest_get_users_me_minimal.json"));
        } else if (m.matches() && method.equals("POST") && m.group(2) == null && enforcedNonce(payload) != null) {
            // "If another message was created by the same author with the same nonce, that message will be
            // returned and no new message will be created" (Create Message, enforce_nonce).
            String key = m.group(1) + "/" + enforcedNonce(payload);
            String made = byNonce.computeIfAbsent(key, k -> message(Long.toString(ids.incrementAndGet()), m.group(1),
                    payload).toString());
            send(ex, 200, made);
        } else if (m.matches() && (method.equals("POST") || method.equals("PATCH"))) {
            String id = m.group(2) != null ? m.group(2) : Long.toString(ids.incrementAndGet());
            send(ex, 200, message(id, m.group(1), payload).toString());
        } else if (method.equals("PUT") && path.contains("/reactions/")) {
            send(ex, 204, null);
        } else if (method.equals("POST") && path.startsWith("/api/v10/interactions/")) {
            send(ex, 204, null);
        } else if (method.equals("PUT") && path.matches("/api/v10/applications/\\d+(/guilds/\\d+)?/commands")) {
            send(ex, 200, registered(ex, body).toString());
        } else if (method.equals("PATCH") && path.matches("/api/v10/webhooks/\\d+/[^/]+/messages/@original")) {
            // The deferred response filled in: one message id per interaction token.
            String token = path.split("/")[5];
            String id = responses.computeIfAbsent(token, t -> Long.toString(ids.incrementAndGet()));
            send(ex, 200, message(id, FakeDiscordGateway.CHANNEL, payload).toString());
        } else {
            send(ex, 404, "{\"message\": \"404: Not Found\", \"code\": 0}");
        }
    }

    private static String enforcedNonce(JsonObject payload) {
        boolean enforce = payload.has("enforce_nonce") && payload.get("enforce_nonce").getAsBoolean();
        return enforce && payload.has("nonce") ? payload.get("nonce").getAsString() : null;
    }

    /** Messages created, enforced-nonce repeats not counted: what people in the channel would see. */
    public int messagesCreated() {
        return byNonce.size() + (int) calls.stream().filter(c -> c.method().equals("POST")
                && MESSAGES.matcher(c.path()).matches() && c.path().endsWith("/messages")
                && enforcedNonce(c.payload()) == null).count();
    }

    /** PUT …/commands (bulk overwrite): the commands as stored, each with an id. */
    private com.google.gson.JsonArray registered(HttpExchange ex, byte[] body) {
        com.google.gson.JsonArray commands = JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonArray();
        for (var c : commands) {
            JsonObject o = c.getAsJsonObject();
            o.addProperty("id", Long.toString(ids.incrementAndGet()));
            o.addProperty("application_id", BOT_ID);
            o.addProperty("version", "1");
            if (!o.has("type")) {
                o.addProperty("type", 1);
            }
        }
        return commands;
    }

    /** What Discord answers to a create/edit: the message as stored, authored by the bot. */
    private static JsonObject message(String id, String channel, JsonObject payload) {
        JsonObject msg = Fixtures.json("discord/rest_create_message.json");
        msg.addProperty("id", id);
        msg.addProperty("channel_id", channel);
        msg.addProperty("content", payload.has("content") ? payload.get("content").getAsString() : "");
        JsonObject author = msg.getAsJsonObject("author");
        author.addProperty("id", BOT_ID);
        author.addProperty("username", "slurmbot");
        return msg;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            ex.close();
            return;
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Just enough multipart/form-data parsing for JDA's uploads (payload_json + files[n]). */
    static final class Multipart {
        record Part(String name, String filename, byte[] content) {
            String text() {
                return new String(content, StandardCharsets.UTF_8);
            }
        }

        static List<Part> parse(byte[] body, String contentType) {
            String boundary = contentType.replaceAll(".*boundary=\"?([^\";]+)\"?.*", "$1");
            // ISO-8859-1 maps bytes 1:1 to chars, so binary parts survive the split.
            String all = new String(body, StandardCharsets.ISO_8859_1);
            List<Part> parts = new java.util.ArrayList<>();
            for (String chunk : all.split("--" + Pattern.quote(boundary))) {
                int headerEnd = chunk.indexOf("\r\n\r\n");
                if (headerEnd < 0) {
                    continue;
                }
                String headers = chunk.substring(0, headerEnd);
                String content = chunk.substring(headerEnd + 4);
                if (content.endsWith("\r\n")) {
                    content = content.substring(0, content.length() - 2);
                }
                Matcher name = Pattern.compile("[; ]name=\"([^\"]*)\"").matcher(headers);
                Matcher file = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
                parts.add(new Part(name.find() ? name.group(1) : null, file.find() ? file.group(1) : null,
                        content.getBytes(StandardCharsets.ISO_8859_1)));
            }
            return parts;
        }
    }
}
