package io.slurmops.adapters.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The bot's one HTTP listener (Alertmanager intake now, a metrics endpoint later): endpoints are
 * registered by path and see only a {@link HttpRequest} whose body is already capped.
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver} (module {@code jdk.httpserver}, a supported,
 * exported JDK API maintained with the JDK): a webhook and a scrape endpoint need neither HTTP/2 nor
 * servlets, and it adds no dependency to keep patched. Everything about it stays in this class, so
 * swapping it for Jetty or Undertow touches nothing else.
 */
public final class EmbeddedHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedHttpServer.class);

    /** What an endpoint sees: headers by lower-case name, the body (at most the cap), the peer. */
    public record HttpRequest(String method, String path, Map<String, List<String>> headers, byte[] body,
                              String remote) {

        /** The first value of a header, or "" when absent. */
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? "" : v.get(0);
        }
    }

    public record HttpResponse(int status, String contentType, String body) {

        public static HttpResponse text(int status, String body) {
            return new HttpResponse(status, "text/plain; charset=utf-8", body);
        }
    }

    @FunctionalInterface
    public interface Endpoint {
        HttpResponse handle(HttpRequest request);
    }

    /** How long a client may take to send one request (headers and body) before its connection is closed. */
    public static final java.time.Duration READ_TIMEOUT = java.time.Duration.ofSeconds(10);

    private final HttpServer server;
    private final ExecutorService workers;
    private final int maxBodyBytes;
    private final ReadDeadlines deadlines;

    private EmbeddedHttpServer(HttpServer server, ExecutorService workers, int maxBodyBytes, ReadDeadlines deadlines) {
        this.server = server;
        this.workers = workers;
        this.maxBodyBytes = maxBodyBytes;
        this.deadlines = deadlines;
    }

    /**
     * Binds {@code address:port} (port 0: any free port) and starts serving.
     *
     * @param maxBodyBytes larger bodies get 413 before any endpoint sees them
     * @throws IOException when the address cannot be bound (in use, not local)
     */
    public static EmbeddedHttpServer start(String address, int port, int maxBodyBytes) throws IOException {
        return start(address, port, maxBodyBytes, READ_TIMEOUT);
    }

    /**
     * @param readTimeout a request whose headers and body have not all arrived within it is cut (its
     *                    connection closed), so a slow or stalled client cannot hold a worker
     */
    public static EmbeddedHttpServer start(String address, int port, int maxBodyBytes, java.time.Duration readTimeout)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 16);
        ReadDeadlines deadlines = new ReadDeadlines(readTimeout);
        // Two workers: requests are small and handled quickly; a flood queues instead of spawning threads.
        ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(deadlines.around(workers));
        EmbeddedHttpServer s = new EmbeddedHttpServer(server, workers, maxBodyBytes, deadlines);
        server.start();
        return s;
    }

    /** The bound port (the real one when started on port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Serves {@code path} exactly (not its sub-paths) with {@code endpoint}. */
    public void route(String path, Endpoint endpoint) {
        server.createContext(path, exchange -> serve(path, endpoint, exchange));
    }

    private void serve(String path, Endpoint endpoint, HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpResponse response;
            if (!exchange.getRequestURI().getPath().equals(path)) {
                deadlines.doneReading();
                response = HttpResponse.text(404, "not found\n");
            } else {
                byte[] body = readCapped(exchange);
                deadlines.doneReading();
                if (body == null) {
                    LOG.warn("http {}: refused a body over {} bytes from {}", path, maxBodyBytes, remote(exchange));
                    response = HttpResponse.text(413, "body too large: at most " + maxBodyBytes + " bytes\n");
                } else {
                    response = endpoint.handle(new HttpRequest(exchange.getRequestMethod(), path,
                            headers(exchange), body, remote(exchange)));
                }
            }
            byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (RuntimeException e) {
            // An endpoint's bug must not end the listener; the client sees the connection close.
            LOG.warn("http {}: request failed: {}", path, e.toString());
        }
    }

    /** The body, or null when it is longer than the cap (a declared length is refused unread). */
    private byte[] readCapped(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > maxBodyBytes) {
                    return null;
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            return body.length > maxBodyBytes ? null : body;
        }
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        return out;
    }

    private static String remote(HttpExchange exchange) {
        InetSocketAddress a = exchange.getRemoteAddress();
        return a == null ? "?" : a.getAddress().getHostAddress();
    }

    @Override
    public void close() {
        server.stop(0);                               // Alertmanager retries what a stop cut off
        deadlines.close();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
