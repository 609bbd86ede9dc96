package io.proxyfs.imgr.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.httpstatus.Router;
import io.proxyfs.httpstatus.StatusServer;
import io.proxyfs.imgr.volume.VolumeManager;
import io.proxyfs.imgr.volume.VolumeSettings;
import io.proxyfs.iswift.SwiftAccount;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.SwiftCredentials;
import io.proxyfs.swift.TempAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** imgr's /volume REST routes over a real HTTP server, against the in-process Swift emulator. */
@Timeout(60)
class VolumeEndpointsTest {
    private SwiftEmulator emulator;
    private VolumeManager manager;
    private StatusServer server;
    private String token;
    private String accountUrl;
    private final ExecutorService deleter = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).start();
        SwiftClientSettings fast = new SwiftClientSettings(Duration.ofMillis(5), 2.0, 1, Duration.ofSeconds(10), 8);
        TempAuth auth = new TempAuth(emulator.authUrl(), SwiftAccount.DEFAULT.user(), SwiftAccount.DEFAULT.key(), fast);
        SwiftCredentials credentials = auth.current();
        token = credentials.token();
        accountUrl = credentials.storageUrl();
        try (SwiftClient swift = new SwiftClient(auth, fast)) {
            swift.createContainer("con");
        }
        manager = new VolumeManager(fast, new VolumeSettings(100, 4, null), Duration.ofHours(1), deleter,
                Optional.empty());
        server = new StatusServer("imgr-test", "127.0.0.1", 0,
                new VolumeEndpoints(manager, 2048, 1024, () -> { }).addTo(new Router()), 1 << 20).start();
    }

    @AfterEach
    void stop() {
        server.close();
        manager.close();
        deleter.shutdownNow();
        emulator.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), BodyHandlers.ofString());
    }

    private String volumeJson(boolean withToken) {
        return "{\"StorageURL\":\"" + accountUrl + "/con\"" + (withToken ? ",\"AuthToken\":\"" + token + "\"" : "") + "}";
    }

    @Test
    void formatServeListAndUnserveAsTheOriginal() throws Exception {
        assertEquals(201, send("POST", "/volume", volumeJson(true), null).statusCode());
        HttpResponse<String> again = send("POST", "/volume", volumeJson(true), null);
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("already holds a volume"), again.body());

        assertEquals(201, send("PUT", "/volume/testvol", volumeJson(true), null).statusCode());
        assertEquals(409, send("PUT", "/volume/testvol", volumeJson(true), null).statusCode());

        HttpResponse<String> list = send("GET", "/volume", null, null);
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains("\"Name\" : \"testvol\""), list.body());
        assertTrue(list.body().contains(accountUrl + "/con"), list.body());
        assertFalse(list.body().contains(token), "no AuthToken in /volume");

        HttpResponse<String> one = send("GET", "/volume/testvol", null, null);
        assertTrue(one.body().contains("\"InodeTableInodeCount\" : 1"), one.body());
        assertFalse(one.body().contains(token));

        HttpResponse<String> page = send("GET", "/volume", null, "text/html");
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<a href=\"/volume/testvol\">testvol</a>"), page.body());
        assertFalse(page.body().contains(token));

        assertEquals(204, send("DELETE", "/volume/testvol", null, null).statusCode());
        assertEquals(404, send("DELETE", "/volume/testvol", null, null).statusCode());
        assertEquals(404, send("GET", "/volume/testvol", null, null).statusCode());
        assertEquals("[ ]", send("GET", "/volume", null, null).body());
    }

    @Test
    void badRequestsGetAOneLineReasonAndChangeNothing() throws Exception {
        HttpResponse<String> notJson = send("POST", "/volume", "{nope", null);
        assertEquals(400, notJson.statusCode());
        assertTrue(notJson.body().startsWith("the body is not JSON"), notJson.body());
        assertEquals(400, send("POST", "/volume", "{\"StorageURL\":\"" + accountUrl + "/con\"}", null).statusCode());
        assertEquals(400, send("PUT", "/volume/testvol", "[]", null).statusCode());
        HttpResponse<String> unformatted = send("PUT", "/volume/testvol", volumeJson(true), null);
        assertEquals(409, unformatted.statusCode());
        assertEquals("[ ]", send("GET", "/volume", null, null).body());
        assertEquals(405, send("PATCH", "/volume/testvol", null, null).statusCode());
    }
}
