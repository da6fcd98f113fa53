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
}
