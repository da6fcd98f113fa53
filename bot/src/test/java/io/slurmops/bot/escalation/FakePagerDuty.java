package io.slurmops.bot.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A local server speaking the PagerDuty Events API v2 request/response format at {@code /v2/enqueue}:
 * it checks an event as PagerDuty documents it (32-character routing_key, event_action, dedup_key for
 * acknowledge/resolve, payload.summary/source/severity for trigger) and answers 202
 * {"status":"success","message":"Event processed","dedup_key":…} or 400 {"status":"invalid event",
 * "message":"Event object is invalid","errors":[…]}; answers can be scripted (429, 500). It also
 * takes generic webhooks at {@code /hook}, recording their headers. It can go down and come back on
 * the same port.
 */
public final class FakePagerDuty implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    /** One request as received. */
    public record Call(String path, JsonNode body, String raw, Map<String, List<String>> headers, int answered) {
        public String header(String name) {
            List<String> v = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(List.of());
            return v.isEmpty() ? null : v.get(0);
        }

        public String action() {
            return body.path("event_action").asText();
        }
    }

    private final int port;
    private HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final Deque<Integer> scripted = new ArrayDeque<>();

    public FakePagerDuty() throws IOException {
        server = listen(0);
        port = server.getAddress().getPort();
    }

    public String enqueueUrl() {
        return "http://127.0.0.1:" + port + "/v2/enqueue";
    }

    public String hookUrl() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    /** The next events get these statuses (e.g. 429) instead of PagerDuty's verdict. */
    public synchronized void answerNext(int... statuses) {
        for (int s : statuses) {
            scripted.add(s);
        }
    }

    /** Closes the port: connections are refused until {@link #up()}. */
    public synchronized void down() {
        server.stop(0);
        server = null;
    }

    public synchronized void up() throws IOException {
        server = listen(port);
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> events(String action) {
        return calls().stream().filter(c -> c.path().equals("/v2/enqueue") && c.action().equals(action)).toList();
    }

    public Call await(String what, Predicate<Call> p, Duration within) throws InterruptedException {
        Instant end = Instant.now().plus(within);
        while (Instant.now().isBefore(end)) {
            for (Call c : calls()) {
                if (p.test(c)) {
                    return c;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + what + " within " + within + "; got " + calls());
    }

    private HttpServer listen(int on) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), on), 0);
        s.createContext("/v2/enqueue", this::enqueue);
        s.createContext("/hook", this::hook);
        s.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-pagerduty");
            t.setDaemon(true);
            return t;
        }));
        s.start();
        return s;
    }

    private void enqueue(HttpExchange x) throws IOException {
        String raw = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode body;
        try {
            body = JSON.readTree(raw);
        } catch (IOException e) {
            body = JSON.createObjectNode();
        }
        int status;
        String answer;
        synchronized (this) {
            Integer s = scripted.poll();
            List<String> errors = s == null ? errors(body) : List.of();
            if (s != null) {
                status = s;
                answer = s == 429 ? "{\"status\":\"throttle event\",\"message\":\"Requests for this service are arriving too quickly.\"}"
                        : "{\"status\":\"error\"}";
            } else if (errors.isEmpty()) {
                status = 202;
                answer = JSON.createObjectNode().put("status", "success").put("message", "Event processed")
                        .put("dedup_key", body.path("dedup_key").asText()).toString();
            } else {
                status = 400;
                var n = JSON.createObjectNode().put("status", "invalid event").put("message", "Event object is invalid");
                errors.forEach(n.putArray("errors")::add);
                answer = n.toString();
            }
            calls.add(new Call("/v2/enqueue", body, raw, Map.copyOf(x.getRequestHeaders()), status));
        }
        reply(x, status, answer);
    }

    /** What PagerDuty's own validation says about the event, as its error strings. */
    private static List<String> errors(JsonNode e) {
        List<String> errors = new ArrayList<>();
        if (e.path("routing_key").asText().length() != 32) {
            errors.add("'routing_key' must be 32 characters");
        }
        String action = e.path("event_action").asText();
        if (!Set.of("trigger", "acknowledge", "resolve").contains(action)) {
            errors.add("'event_action' is missing or blank");
        }
        if (!action.equals("trigger") && e.path("dedup_key").asText().isEmpty()) {
            errors.add("'dedup_key' is required for acknowledge and resolve");
        }
        if (action.equals("trigger")) {
            JsonNode p = e.path("payload");
            if (p.path("summary").asText().isEmpty()) {
                errors.add("'payload.summary' is missing or blank");
            }
            if (p.path("source").asText().isEmpty()) {
                errors.add("'payload.source' is missing or blank");
            }
            if (!SEVERITIES.contains(p.path("severity").asText())) {
                errors.add("'payload.severity' is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info')");
            }
        }
        return errors;
    }

    private void hook(HttpExchange x) throws IOException {
        String raw = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        synchronized (this) {
            calls.add(new Call("/hook", JSON.readTree(raw), raw, Map.copyOf(x.getRequestHeaders()), 204));
        }
        x.sendResponseHeaders(204, -1);
        x.close();
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
