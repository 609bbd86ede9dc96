package io.proxyfs.httpstatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class StatusServerTest {
    private StatusServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        Router router = new Router()
                .add("GET", "/version", r -> HttpResponse.text(200, "1.2.3"))
                .add("GET", "/volume/*", r -> HttpResponse.text(200, "volume[" + r.remainder() + "]"
                        + (r.wantsHtml() ? " html" : "")))
                .add("DELETE", "/volume/*", r -> HttpResponse.empty(204))
                .add("POST", "/volume", r -> {
                    if (r.bodyText().isBlank()) {
                        throw new HttpError(400, "empty body");
                    }
                    return HttpResponse.text(201, "got " + r.bodyText().length());
                })
                .add("GET", "/boom", r -> {
                    throw new IllegalStateException("kaput");
                });
        server = new StatusServer("test", "127.0.0.1", 0, router, 1024).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private java.net.http.HttpResponse<String> send(String method, String path, String body, String accept)
            throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return client.send(b.build(), BodyHandlers.ofString());
    }

    @Test
    void exactAndPrefixRoutesWithTrailingSlashIgnored() throws Exception {
        assertEquals("1.2.3\n", send("GET", "/version/", null, null).body());
        assertEquals("volume[]\n", send("GET", "/volume", null, null).body());
        assertEquals("volume[testvol]\n", send("GET", "/volume/testvol/", null, null).body());
        assertEquals("volume[testvol] html\n", send("GET", "/volume/testvol", null, "text/html,*/*").body());
        assertEquals(204, send("DELETE", "/volume/testvol", null, null).statusCode());
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws Exception {
        assertEquals(404, send("GET", "/volumes", null, null).statusCode());
        java.net.http.HttpResponse<String> r = send("PATCH", "/version", null, null);
        assertEquals(405, r.statusCode());
        assertEquals("GET", r.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void errorsAreOneLineReasons() throws Exception {
        java.net.http.HttpResponse<String> r = send("POST", "/volume", "", null);
        assertEquals(400, r.statusCode());
        assertEquals("empty body\n", r.body());
        java.net.http.HttpResponse<String> boom = send("GET", "/boom", null, null);
        assertEquals(500, boom.statusCode());
        assertTrue(boom.body().contains("kaput"));
    }

    @Test
    void oversizedBodyIs413AndNothingRuns() throws Exception {
        java.net.http.HttpResponse<String> r = send("POST", "/volume", "x".repeat(5000), null);
        assertEquals(413, r.statusCode());
        assertFalse(r.body().contains("got"));
        assertEquals(201, send("POST", "/volume", "x".repeat(1024), null).statusCode());
    }

    @Test
    void clientStillSendingARefusedBodyReadsThe413() throws Exception {
        // a refused body is drained (up to a slack) so its client reads the 413, not a reset
        for (int i = 0; i < 5; i++) {
            assertEquals(413, send("POST", "/volume", "y".repeat(512 * 1024), null).statusCode());
        }
        assertEquals(201, send("POST", "/volume", "x".repeat(1024), null).statusCode());
    }
}
