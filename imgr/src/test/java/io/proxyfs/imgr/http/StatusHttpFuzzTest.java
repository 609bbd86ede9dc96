package io.proxyfs.imgr.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.conf.ConfMap;
import io.proxyfs.imgr.Imgr;
import io.proxyfs.iswift.SwiftAccount;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.SwiftCredentials;
import io.proxyfs.swift.TempAuth;
import io.proxyfs.httpstatus.StatusServer;
import io.proxyfs.testing.HttpFuzz;
import io.proxyfs.testing.LauncherCheck;
import io.proxyfs.testing.RawHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing imgr's HTTP server (every route: /volume and its pages, /config, /version, /stats,
 * /metrics, unknown paths) with random methods, paths, headers and bodies — mutated valid bodies,
 * random bytes, bodies over the size limit, broken request lines — written raw on a socket. No
 * request may get a 5xx (but 502 for a volume whose Swift cannot be reached) or hang the server, and the volume it serves is still served and intact at
 * the end. {@code -Dproxyfs.fuzz.httpCases=N} sets the number of requests (default 3,000).
 */
@Timeout(600)
class StatusHttpFuzzTest {
    private static final SwiftClientSettings FAST = new SwiftClientSettings(Duration.ofMillis(5), 2.0, 1,
            Duration.ofSeconds(10), 8);

    @TempDir
    Path dir;

    private SwiftEmulator emulator;
    private Imgr imgr;
    private String volumeUrl;
    private String token;

    @BeforeEach
    void start() throws Exception {
        emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).start();
        TempAuth auth = new TempAuth(emulator.authUrl(), SwiftAccount.DEFAULT.user(), SwiftAccount.DEFAULT.key(), FAST);
        SwiftCredentials credentials = auth.current();
        token = credentials.token();
        volumeUrl = credentials.storageUrl() + "/con";
        try (SwiftClient swift = new SwiftClient(auth, FAST)) {
            swift.createContainer("con");
            swift.createContainer("other");
        }
        imgr = Imgr.start(ConfMap.load(LauncherCheck.top().resolve("imgr/dev.conf"), List.of(
                "IMGR.RetryRPCPort=" + freePort(), "IMGR.HTTPServerPort=" + freePort(), "IMGR.CheckPointInterval=1h",
                "IMGR.ServedVolumesFilePath=" + dir.resolve("served.json"), "IMGR.LogToConsole=false")));
        String body = "{\"StorageURL\":\"" + volumeUrl + "\",\"AuthToken\":\"" + token + "\"}";
        assertEquals(201, status(raw("POST", "/volume", List.of(), body.getBytes(StandardCharsets.UTF_8))));
        assertEquals(201, status(raw("PUT", "/volume/testvol", List.of(), body.getBytes(StandardCharsets.UTF_8))));
    }

    @AfterEach
    void stop() throws Exception {
        if (imgr != null) {
            imgr.stop();
        }
        emulator.close();
    }

    @Test
    void noRequestGetsA5xxOrHurtsTheServedVolume() throws Exception {
        int cases = HttpFuzz.cases(3_000);
        HttpFuzz fuzz = new HttpFuzz(20261207L);
        List<String> fivexx = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            String method = fuzz.method();
            String path = fuzz.withQuery(path(fuzz));
            if (method.equals("DELETE") && path.startsWith("/volume/testvol")) {
                path = "/volume/fuzzvol";                 // unserving the volume under test is allowed, not fuzz
            }
            String response = raw(method, path, fuzz.commonHeaders(), body(fuzz));
            int status = RawHttp.status(response);
            fuzz.count(status);
            // 502 is the right answer when the volume's Swift cannot be reached (the fuzz serves
            // volumes at unreachable storage URLs); anything else from 500 up is a bug.
            if (status >= 500 && status != 502) {
                fivexx.add(RawHttp.describe(method, path, response));
            }
        }
        System.out.println("StatusHttpFuzzTest: %d requests, answers by status %s".formatted(cases, fuzz.tally()));
        assertTrue(fivexx.isEmpty(), fivexx.size() + " requests got a 5xx, e.g. " + fivexx.subList(0, Math.min(5, fivexx.size())));
        String volume = raw("GET", "/volume/testvol", List.of("Accept: application/json"), new byte[0]);
        assertEquals(200, status(volume), volume);
        assertTrue(volume.contains("\"InodeTableInodeCount\""), volume);
    }

    private static String path(HttpFuzz fuzz) {
        return fuzz.pick("/volume", "/volume/", "/volume/testvol", "/volume/testvol/inode/1", "/volume/testvol/inode/",
                "/volume/testvol/inode/18446744073709551616", "/volume/testvol/inode/-1", "/volume/nosuch",
                "/volume/fuzzvol", "/config", "/version", "/stats", "/metrics", "/", "//", "/volume/%zz", "/volume/..%2F..",
                "/volume/" + "v".repeat(300), "/volume/testvol/inode/1/extra", "/leases", "*");
    }

    private byte[] body(HttpFuzz fuzz) {
        String good = "{\"StorageURL\":\"" + volumeUrl.replace("/con", "/other") + "\",\"AuthToken\":\"" + token + "\"}";
        return fuzz.body(good, StatusServer.DEFAULT_MAX_BODY_BYTES + 1, "{}", "[]", "null", "{\"StorageURL\":7}",
                "{\"StorageURL\":\"http://127.0.0.1:1/v1/a/c\"}", "{\"StorageURL\":\"not a url\"}",
                "{\"StorageURL\":\"" + volumeUrl + "\",\"AuthToken\":\"bad\"}",
                "{\"StorageURL\":\"" + "[".repeat(5000) + "\"}", "{\"AuthToken\":\"" + token + "\"}");
    }

    private String raw(String method, String path, List<String> headers, byte[] body) throws IOException {
        return RawHttp.send(imgr.httpPort(), method, path, headers, body);
    }

    private static int status(String response) {
        return RawHttp.status(response);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
