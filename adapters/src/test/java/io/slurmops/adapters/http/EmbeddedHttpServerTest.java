package io.slurmops.adapters.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class EmbeddedHttpServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger seen = new AtomicInteger();
    private EmbeddedHttpServer server;

    @BeforeEach
    void up() throws Exception {
        server = EmbeddedHttpServer.start("127.0.0.1", 0, 1000);
        server.route("/hook", r -> {
            seen.incrementAndGet();
            if (r.header("X-Fail").equals("yes")) {
                throw new IllegalStateException("endpoint bug");
            }
            return EmbeddedHttpServer.HttpResponse.text(200, r.method() + " " + r.body().length + " "
                    + r.header("content-type"));
        });
    }

    @AfterEach
    void down() {
        server.close();
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anEndpointSeesTheMethodBodyAndHeadersByAnyCase() throws Exception {
        HttpResponse<String> r = post("/hook", "x".repeat(1000), "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("POST 1000 application/json");
    }

    @Test
    void aBodyOverTheCapIsRefusedWith413BeforeTheEndpointSeesIt() throws Exception {
        assertThat(post("/hook", "x".repeat(1001)).statusCode()).isEqualTo(413);
        assertThat(seen).hasValue(0);
    }

    @Test
    void subPathsAreNotServedAndAFailingEndpointDoesNotStopTheServer() throws Exception {
        assertThat(post("/hook/more", "{}").statusCode()).isEqualTo(404);
        assertThat(seen).hasValue(0);
        org.assertj.core.api.Assertions.catchThrowable(() -> post("/hook", "{}", "X-Fail", "yes"));
        assertThat(post("/hook", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void slowClientsAreCutAtTheReadTimeoutAndDoNotHoldTheWorkers() throws Exception {
        EmbeddedHttpServer strict = EmbeddedHttpServer.start("127.0.0.1", 0, 1000, java.time.Duration.ofMillis(500));
        strict.route("/hook", r -> EmbeddedHttpServer.HttpResponse.text(200, "ok " + r.body().length));
        java.util.List<java.net.Socket> slow = new java.util.ArrayList<>();
        try {
            // Both workers taken: one client stops in the middle of its headers, one in the middle of its body.
            slow.add(rawPost(strict.port(), "POST /hook HTTP/1.1\r\nHost: x\r\n"));
            slow.add(rawPost(strict.port(), "POST /hook HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc"));
            long start = System.nanoTime();
            for (java.net.Socket s : slow) {
                s.setSoTimeout(10_000);
                assertThat(closedByServer(s)).as("the server closes a stalled request").isTrue();
            }
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(5));
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + strict.port()
                    + "/hook")).timeout(java.time.Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.body()).isEqualTo("ok 2");
        } finally {
            for (java.net.Socket s : slow) {
                s.close();
            }
            strict.close();
        }
    }

    @Test
    void anEndpointSlowerThanTheReadTimeoutIsNotCut() throws Exception {
        EmbeddedHttpServer strict = EmbeddedHttpServer.start("127.0.0.1", 0, 1000, java.time.Duration.ofMillis(300));
        strict.route("/hook", r -> {
            try {
                Thread.sleep(1000);                    // e.g. posting to a rate-limited chat
            } catch (InterruptedException e) {
                return EmbeddedHttpServer.HttpResponse.text(500, "interrupted");
            }
            return EmbeddedHttpServer.HttpResponse.text(200, "done");
        });
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + strict.port()
                    + "/hook")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).isEqualTo("done");
        } finally {
            strict.close();
        }
    }

    private static java.net.Socket rawPost(int port, String partial) throws Exception {
        java.net.Socket s = new java.net.Socket("127.0.0.1", port);
        s.getOutputStream().write(partial.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    /** True when the server ends the connection (EOF or reset) before the socket's own timeout. */
    private static boolean closedByServer(java.net.Socket s) {
        try {
            return s.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException e) {
            return true;                               // reset: closed too
        }
    }
}
