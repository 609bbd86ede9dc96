package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status server of a mounted iclient (GET /config, /version, /stats, /leases, the HTML page;
 * POST /leases/demote and /leases/release), and the mount-point refusals (missing, busy, already
 * mounted).
 */
@Timeout(120)
class StatusIT {
    @TempDir
    Path dir;

    private Cluster cluster;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void tearDown() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private HttpResponse<String> call(String method, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statusRoutesAndMountPointRefusals() throws Exception {
        cluster = new Cluster(false, dir);
        Path mnt = dir.resolve("mnt");
        Iclient c = cluster.mount(mnt, "ICLIENT.HTTPServerPort=" + Cluster.freePort());
        int port = c.httpPort();
        Files.writeString(mnt.resolve("f.txt"), "x");
        Files.readString(mnt.resolve("f.txt"));
        assertEquals(200, call("GET", port, "/version").statusCode());
        String config = call("GET", port, "/config").body();
        assertTrue(config.contains("MountPointDirPath"));
        assertFalse(config.contains("testing"), "the Swift key is never shown");
        String stats = call("GET", port, "/stats").body();
        assertTrue(stats.contains("fuseCalls ") && stats.contains("swiftPuts "), stats);
        JsonNode leases = new ObjectMapper().readTree(call("GET", port, "/leases").body());
        assertTrue(leases.size() >= 2, leases.toString());
        assertEquals(1, leases.get(0).get("InodeNumber").asLong());
        String page = call("GET", port, "/").body();
        assertTrue(page.contains("testvol") && page.contains("Leases held"), page);
        assertEquals(200, call("POST", port, "/leases/demote").statusCode());
        assertEquals(200, call("POST", port, "/leases/release").statusCode());
        assertEquals(0, new ObjectMapper().readTree(call("GET", port, "/leases").body()).size());
        assertEquals("x", Files.readString(mnt.resolve("f.txt")), "leases come back on use");

        IOException mounted = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> MountPoint.check(mnt));
        assertTrue(mounted.getMessage().contains("already mounted"), mounted.getMessage());
        IOException missing = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> MountPoint.check(dir.resolve("nowhere")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("x"), "x");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> Iclient.start(cluster.conf(busy)));
        assertTrue(e.getMessage().contains("busy"), e.getMessage());
    }
}
