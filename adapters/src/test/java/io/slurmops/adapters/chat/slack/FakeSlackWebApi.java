package io.slurmops.adapters.chat.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.slurmops.adapters.chat.testing.Fixtures;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Slack's Web API on 127.0.0.1, as far as the adapter uses it. Records every call (method, form,
 * token) and answers like Slack: ok/false bodies with HTTP 200, 429 + Retry-After when scripted.
 */
public final class FakeSlackWebApi implements AutoCloseable {

    public static final String BOT_TOKEN = "xoxb-test-bot-token";
    public static final String APP_TOKEN = "xapp-test-app-token";
    public static final String BOT_USER = "UBOT";
    public static final String BOT_ID = "BBOT";

    /** One received request. {@code body} is the raw bytes for file uploads. */
    public record Call(String method, Map<String, String> form, String token, long atNanos, byte[] body) {
        public String get(String name) {
            return form.get(name);
        }

        public JsonArray blocks() {
            return JsonParser.parseString(form.get("blocks")).getAsJsonArray();
        }
    }

    private record Scripted(int status, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final Supplier<String> socketUrl;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Scripted>> scripted = new ConcurrentHashMap<>();
    private final AtomicInteger tsCounter = new AtomicInteger(100);
    /** Each upload gets its own file id (F0001, F0002 …), as Slack's do; completeUploadExternal names it. */
    private final AtomicInteger fileCounter = new AtomicInteger();
    private final Map<String, String> fileNames = new ConcurrentHashMap<>();
    private final Map<String, String> displayNames = new ConcurrentHashMap<>();

    public FakeSlackWebApi(Supplier<String> socketUrl) throws IOException {
        this.socketUrl = socketUrl;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/", this::api);
        server.createContext("/upload/", this::upload);
        server.start();
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** users.info for {@code userId} answers this display name instead of "Name of USERID". */
    public void displayName(String userId, String name) {
        displayNames.put(userId, name);
    }

    /** The next call of {@code method} gets this answer instead of the normal one. */
    public void scriptOnce(String method, int status, Map<String, String> headers, String body) {
        scripted.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Scripted(status, headers, body));
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Waits for a call of {@code method} matching {@code p}. */
    public Call await(String method, Predicate<Call> p) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            for (Call c : calls) {
                if (c.method().equals(method) && p.test(c)) {
                    return c;
                }
            }
            pause();
        }
        throw new AssertionError("no " + method + " call matching the expectation within 10 s; calls: "
                + calls.stream().map(c -> c.method() + c.form()).toList());
    }

    /** Waits until {@code method} has been called {@code n} times. */
    public List<Call> awaitCount(String method, int n) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end && calls(method).size() < n) {
            pause();
        }
        List<Call> got = calls(method);
        if (got.size() < n) {
            throw new AssertionError("expected " + n + " " + method + " calls, got " + got.size());
        }
        return got;
    }

    private void api(HttpExchange ex) throws IOException {
        String method = ex.getRequestURI().getPath().substring("/api/".length());
        byte[] raw = ex.getRequestBody().readAllBytes();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        Map<String, String> form = parseForm(new String(raw, StandardCharsets.UTF_8));
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : form.get("token");
        calls.add(new Call(method, form, token, System.nanoTime(), raw));
        Deque<Scripted> script = scripted.get(method);
        Scripted s = script == null ? null : script.poll();
        if (s != null) {
            s.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            send(ex, s.status(), s.body());
            return;
        }
        send(ex, 200, answer(method, form, token).toString());
    }

    private JsonObject answer(String method, Map<String, String> form, String token) {
        boolean appMethod = method.equals("apps.connections.open");
        if (!(appMethod ? APP_TOKEN : BOT_TOKEN).equals(token)) {
            return error("invalid_auth");
        }
        JsonObject r = new JsonObject();
        r.addProperty("ok", true);
        switch (method) {
            case "auth.test" -> {
                r = Fixtures.json("slack/webapi_auth.test.json");
                r.addProperty("user", "slurmops");
                r.addProperty("user_id", BOT_USER);
                r.addProperty("bot_id", BOT_ID);
                r.addProperty("team", "hpc-lab");
                r.addProperty("team_id", "T111");
            }
            case "apps.connections.open" -> {
                r = Fixtures.json("slack/webapi_apps.connections.open.json");
                r.addProperty("url", socketUrl.get());
            }
            case "chat.postMessage", "chat.update" -> {
                String ts = method.equals("chat.update") ? form.get("ts")
                        : "1700000000.%06d".formatted(tsCounter.incrementAndGet());
                r = Fixtures.json("slack/webapi_chat.postMessage.json");
                r.addProperty("channel", form.get("channel"));
                r.addProperty("ts", ts);
                r.getAsJsonObject("message").addProperty("ts", ts);
                r.getAsJsonObject("message").addProperty("text", form.get("text"));
            }
            case "reactions.add" -> r = Fixtures.json("slack/webapi_reactions.add.json");
            case "users.info" -> {
                JsonObject user = new JsonObject();
                String id = form.get("user");
                user.addProperty("id", id);
                user.addProperty("name", "user-" + id.toLowerCase());
                user.addProperty("is_bot", id.startsWith("UB"));      // "UB…" users are other apps' bots
                JsonObject profile = new JsonObject();
                profile.addProperty("display_name", displayNames.getOrDefault(id, "Name of " + id));
                user.add("profile", profile);
                r.add("user", user);
            }
            case "files.getUploadURLExternal" -> {
                String id = "F%04d".formatted(fileCounter.incrementAndGet());
                fileNames.put(id, form.getOrDefault("filename", "output"));
                r.addProperty("file_id", id);
                r.addProperty("upload_url", "http://127.0.0.1:" + server.getAddress().getPort() + "/upload/" + id);
            }
            case "files.completeUploadExternal" -> {
                JsonArray files = new JsonArray();
                for (var asked : com.google.gson.JsonParser.parseString(form.getOrDefault("files", "[]"))
                        .getAsJsonArray()) {
                    String id = asked.getAsJsonObject().get("id").getAsString();
                    JsonObject file = new JsonObject();
                    file.addProperty("id", id);
                    file.addProperty("title", fileNames.getOrDefault(id, "output"));
                    file.addProperty("name", fileNames.getOrDefault(id, "output"));
                    files.add(file);
                }
                r.add("files", files);
            }
            default -> r = error("unknown_method");
        }
        return r;
    }

    /** The file bytes themselves, POSTed to the URL files.getUploadURLExternal returned. */
    private void upload(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        calls.add(new Call("upload", Map.of("path", ex.getRequestURI().getPath()), null, System.nanoTime(), body));
        send(ex, 200, "OK - " + body.length);
    }

    private static JsonObject error(String code) {
        JsonObject r = new JsonObject();
        r.addProperty("ok", false);
        r.addProperty("error", code);
        return r;
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty() || body.startsWith("--")) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(k, v);
        }
        return form;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
