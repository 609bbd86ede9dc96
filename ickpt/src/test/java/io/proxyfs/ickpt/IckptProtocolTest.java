package io.proxyfs.ickpt;

import static io.proxyfs.ickpt.SwiftVolume.cp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One ickpt instance in this JVM, its RocksDB in a temporary directory, the Swift emulator on loopback. */
@Timeout(60)
class IckptProtocolTest {
    @TempDir
    Path dir;

    private SwiftVolume volume;
    private IckptInstances ickpt;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        volume = new SwiftVolume();
        ickpt = new IckptInstances(dir, 1, Duration.ofMillis(700));
    }

    @AfterEach
    void stop() throws Exception {
        ickpt.close();
        volume.close();
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ickpt.baseUrl(0) + path))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return http.send(b.build(), BodyHandlers.ofString());
    }

    private Map<String, String> auth() {
        return Map.of("X-Storage-Url", volume.url(), "X-Auth-Token", volume.token);
    }

    private int put(String txn, String text) throws Exception {
        return send("PUT", "/" + txn, auth(), text).statusCode();
    }

    private int commit(String txn) throws Exception {
        return send("POST", "/" + txn, auth(), null).statusCode();
    }

    private HttpResponse<String> get() throws Exception {
        return send("GET", "/", auth(), null);
    }

    private void assertCommitted(String text) throws Exception {
        HttpResponse<String> r = get();
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(text, r.body());
        assertEquals(Optional.of("ickpt"), r.headers().firstValue("X-Checkpoint-Source"));
    }

    @Test
    void stageCommitGetDeleteAndSurviveARestart() throws Exception {
        HttpResponse<String> fromSwift = get();
        assertEquals(200, fromSwift.statusCode());
        assertEquals(SwiftVolume.FORMATTED, fromSwift.body());
        assertEquals(Optional.of("swift"), fromSwift.headers().firstValue("X-Checkpoint-Source"));

        assertEquals(204, put("T1", cp(5, 100)));
        assertEquals("swift", get().headers().firstValue("X-Checkpoint-Source").orElseThrow(), "staged, not committed");
        assertEquals(204, commit("T1"));
        assertCommitted(cp(5, 100));
        assertEquals(204, commit("T1"), "a repeated commit is answered as the first");

        ickpt.stop(0);
        ickpt.start(0);
        assertCommitted(cp(5, 100));

        assertEquals(204, send("DELETE", "/T2", auth(), null).statusCode());
        assertCommitted(cp(5, 100));
        assertEquals(204, commit("T2"));
        assertEquals("swift", get().headers().firstValue("X-Checkpoint-Source").orElseThrow());
        assertEquals(SwiftVolume.FORMATTED, get().body());
    }

    @Test
    void aCheckPointOlderThanTheCommittedOneIsRefused() throws Exception {
        assertEquals(204, put("A", cp(5, 100)));
        assertEquals(204, commit("A"));
        HttpResponse<String> older = send("PUT", "/B", auth(), cp(4, 100));
        assertEquals(409, older.statusCode());
        assertTrue(older.body().startsWith("stale checkpoint"), older.body());
        assertEquals(409, put("B", cp(5, 99)), "ReservedToNonce must not go backwards");
        assertEquals(409, put("B", String.format("%016X %016X %016X %016X", 1, 5, 0x61, 100)),
                "same numbers, another superblock");
        assertEquals(204, put("B", cp(5, 100)), "the same checkpoint again is accepted");
        assertEquals(204, put("C", cp(5, 200)), "a nonce reservation");
        assertEquals(204, put("D", cp(7, 200)), "a checkpoint");
        // Both staged against cp(5,100); the newer commits first, the older then cannot.
        assertEquals(204, commit("D"));
        HttpResponse<String> late = send("POST", "/C", auth(), null);
        assertEquals(409, late.statusCode(), late.body());
        assertCommitted(cp(7, 200));
    }

    @Test
    void anUncommittedStageExpires() throws Exception {
        assertEquals(204, put("E", cp(9, 300)));
        Thread.sleep(1200);
        HttpResponse<String> r = send("POST", "/E", auth(), null);
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("nothing staged under transaction E"), r.body());
        assertEquals(SwiftVolume.FORMATTED, get().body(), "nothing changed");
        assertTrue(send("GET", "/stats", Map.of(), null).body().contains("ickpt.expired 1\n"));
    }

    @Test
    void badInputIsAClear4xxAndChangesNothing() throws Exception {
        assertEquals(204, put("OK", cp(5, 100)));
        assertEquals(204, commit("OK"));
        record Case(String what, int status, String method, String path, Map<String, String> headers, String body,
                String reason) {
        }
        String url = volume.url();
        String token = volume.token;
        for (Case c : new Case[] {
            new Case("no X-Storage-Url", 400, "PUT", "/X", Map.of("X-Auth-Token", token), cp(6, 100),
                    "X-Storage-Url header missing"),
            new Case("no X-Auth-Token", 400, "PUT", "/X", Map.of("X-Storage-Url", url), cp(6, 100),
                    "X-Auth-Token header missing"),
            new Case("rejected token", 401, "PUT", "/X", Map.of("X-Storage-Url", url, "X-Auth-Token", "bogus"),
                    cp(6, 100), "X-Auth-Token rejected by Swift"),
            new Case("not a URL", 400, "PUT", "/X", Map.of("X-Storage-Url", "ftp://x/y", "X-Auth-Token", token),
                    cp(6, 100), "X-Storage-Url must be an http(s) URL"),
            new Case("bad body", 400, "PUT", "/X", auth(), "hello", "body is not a CheckPointV1"),
            new Case("empty body", 400, "PUT", "/X", auth(), "", "empty body"),
            new Case("oversized body", 413, "PUT", "/X", auth(), "0".repeat(5000), "over the limit"),
            new Case("bad transaction id", 400, "PUT", "/a/b", auth(), cp(6, 100), "bad transaction id"),
            new Case("no transaction id", 400, "PUT", "/", auth(), cp(6, 100), "PUT needs a transaction id"),
            new Case("unknown transaction", 404, "POST", "/NOPE", auth(), null, "nothing staged under transaction NOPE"),
            new Case("commit with a body", 400, "POST", "/OK", auth(), "x", "POST takes no body"),
            new Case("no checkpoint anywhere", 404, "GET", "/",
                    Map.of("X-Storage-Url", volume.emptyUrl(), "X-Auth-Token", token), null, "no checkpoint for"),
            new Case("unknown method", 405, "PATCH", "/X", auth(), null, "PATCH is not allowed"),
        }) {
            HttpResponse<String> r = send(c.method, c.path, c.headers, c.body);
            assertEquals(c.status, r.statusCode(), c.what + ": " + r.body());
            assertTrue(r.body().contains(c.reason), c.what + ": " + r.body());
            assertEquals(1, r.body().strip().lines().count(), c.what + ": one line");
        }
        assertEquals(404, send("POST", "/X", auth(), null).statusCode(), "no refused stage was kept");
        assertCommitted(cp(5, 100));
    }

    @Test
    void headStatusPagesAndMetrics() throws Exception {
        assertEquals(204, send("HEAD", "/", Map.of(), null).statusCode());
        assertEquals(204, put("M", cp(5, 100)));
        assertEquals(204, commit("M"));
        assertEquals(200, get().statusCode());
        String metrics = send("GET", "/metrics", Map.of(), null).body();
        assertTrue(metrics.contains("ickpt_commits_total 1\n"), metrics);
        assertTrue(metrics.contains("ickpt_requests_total{op=\"commit\",status=\"204\"} 1\n"), metrics);
        assertTrue(metrics.contains("ickpt_rocksdb_sync_write_seconds_count 1\n"), metrics);
        // PUT asked Swift; POST and GET were answered from the cache (unless 5 s passed meanwhile)
        assertTrue(metrics.matches("(?s).*ickpt_auth_cache_hits_total [0-2]\n.*"), metrics);
        assertTrue(send("GET", "/stats", Map.of(), null).body().contains("ickpt.commits 1\n"));
        assertTrue(metrics.contains("ickpt_volumes 1\n"), metrics);
        assertTrue(send("GET", "/config", Map.of(), null).body().contains("\"DataBasePath\""));
        assertEquals(200, send("GET", "/version", Map.of(), null).statusCode());
        HttpResponse<String> page = send("GET", "/", Map.of("Accept", "text/html"), null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<h1>ickpt") && page.body().contains("Commits</th><td>1<"), page.body());
        assertTrue(page.body().contains(volume.url().substring("http://".length()) + "</td><td><code>" + cp(5, 100)),
                page.body());
        assertTrue(send("GET", "/status", Map.of(), null).body().contains("<h1>ickpt"));
    }
}
