package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.httpstatus.StatusServer;
import io.proxyfs.testing.HttpFuzz;
import io.proxyfs.testing.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing a mounted iclient's HTTP server (/, /index.html, /config, /version, /stats, /metrics,
 * /leases, POST /leases/demote and /leases/release, unknown paths) with raw requests: random
 * methods, paths, query strings, Accept headers and bodies (random bytes, over the 1 MiB limit),
 * while files are written and read on the mount between requests, so the lease routes find
 * leases to give up. No request gets a 5xx or hangs the server; at the end every file written
 * reads back byte for byte, again after a remount, and icheck finds the volume clean.
 * {@code -Dproxyfs.fuzz.httpCases=N} (default 2,000).
 */
@Timeout(3600)
class IclientHttpFuzzIT {
    @TempDir
    Path dir;

    private Cluster cluster;

    @AfterEach
    void tearDown() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void noRequestGetsA5xxAndTheMountedFilesSurvive() throws Exception {
        cluster = new Cluster(false, dir);
        Path mnt = dir.resolve("mnt");
        Iclient client = cluster.mount(mnt, "ICLIENT.HTTPServerPort=" + Cluster.freePort());
        int port = client.httpPort();
        Random data = new Random(7);
        Map<String, byte[]> written = new LinkedHashMap<>();

        int cases = HttpFuzz.cases(2_000);
        HttpFuzz fuzz = new HttpFuzz(20261207L);
        List<String> fivexx = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            if (i % 100 == 0) {
                byte[] bytes = new byte[1 + data.nextInt(300_000)];
                data.nextBytes(bytes);
                String name = "f" + (i / 100 % 12);
                Files.write(mnt.resolve(name), bytes);
                written.put(name, bytes);
                for (Map.Entry<String, byte[]> e : written.entrySet()) {
                    assertArrayEquals(e.getValue(), Files.readAllBytes(mnt.resolve(e.getKey())), e.getKey());
                }
            }
            String method = fuzz.oneIn(4) ? "POST" : fuzz.method();
            String path = fuzz.withQuery(fuzz.pick("/", "/index.html", "/config", "/version", "/stats", "/metrics",
                    "/leases", "/leases/", "/leases/demote", "/leases/release", "/leases/demote/x", "/leases/1",
                    "/nosuch", "//", "/%zz", "/..%2F..", "/" + "p".repeat(300), "*", "/stats/../config"));
            byte[] body = fuzz.body("{}", StatusServer.DEFAULT_MAX_BODY_BYTES + 1, "[]", "null", "\u0000",
                    "{\"InodeNumber\":1}");
            String response = RawHttp.send(port, method, path, fuzz.commonHeaders(), body);
            fuzz.count(RawHttp.status(response));
            if (RawHttp.status(response) >= 500) {
                fivexx.add(RawHttp.describe(method, path, response));
            }
        }
        System.out.println("IclientHttpFuzzIT: %d requests, answers by status %s".formatted(cases, fuzz.tally()));
        assertTrue(fuzz.tally().containsKey(200) && fuzz.tally().containsKey(413), "answers: " + fuzz.tally());
        assertTrue(fivexx.isEmpty(), fivexx.size() + " requests got a 5xx, e.g. " + fivexx.subList(0, Math.min(5, fivexx.size())));
        assertEquals(200, RawHttp.status(RawHttp.send(port, "GET", "/stats", List.of(), new byte[0])), "still serving");
        for (Map.Entry<String, byte[]> e : written.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(mnt.resolve(e.getKey())), e.getKey());
        }
        cluster.unmount(client);
        Iclient again = cluster.mount(mnt);
        for (Map.Entry<String, byte[]> e : written.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(mnt.resolve(e.getKey())), e.getKey() + " after a remount");
        }
        cluster.unmount(again);
        cluster.assertConsistent();
    }
}
