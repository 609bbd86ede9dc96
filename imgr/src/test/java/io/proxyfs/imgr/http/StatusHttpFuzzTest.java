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
import io.proxyfs.testing.LauncherCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
        int cases = Integer.getInteger("proxyfs.fuzz.httpCases", 3_000);
        Random r = new Random(20261207L);
        List<String> fivexx = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            String method = pick(r, "GET", "GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS", "G\u00e9T", "");
            String path = path(r);
            if (method.equals("DELETE") && path.startsWith("/volume/testvol")) {
                path = "/volume/fuzzvol";                 // unserving the volume under test is allowed, not fuzz
            }
            List<String> headers = new ArrayList<>();
            if (r.nextBoolean()) {
                headers.add("Accept: " + pick(r, "text/html", "application/json", "*/*", "", "\u0001"));
            }
            byte[] body = body(r);
            String response = raw(method, path, headers, body);
            int status = status(response);
            // 502 is the right answer when the volume's Swift cannot be reached (the fuzz serves
            // volumes at unreachable storage URLs); anything else from 500 up is a bug.
            if (status >= 500 && status != 502) {
                fivexx.add(method + " " + path.substring(0, Math.min(path.length(), 60)) + " -> " + response.lines().findFirst().orElse("")
                        + " " + response.substring(Math.max(0, response.length() - 200)).replace("\r\n", " "));
            }
        }
        assertTrue(fivexx.isEmpty(), fivexx.size() + " requests got a 5xx, e.g. " + fivexx.subList(0, Math.min(5, fivexx.size())));
        String volume = raw("GET", "/volume/testvol", List.of("Accept: application/json"), new byte[0]);
        assertEquals(200, status(volume), volume);
        assertTrue(volume.contains("\"InodeTableInodeCount\""), volume);
    }

    private String path(Random r) {
        String[] bases = {"/volume", "/volume/", "/volume/testvol", "/volume/testvol/inode/1", "/volume/testvol/inode/",
            "/volume/testvol/inode/18446744073709551616", "/volume/testvol/inode/-1", "/volume/nosuch",
            "/volume/fuzzvol", "/config", "/version", "/stats", "/metrics", "/", "//", "/volume/%zz", "/volume/..%2F..",
            "/volume/" + "v".repeat(300), "/volume/testvol/inode/1/extra", "/leases", "*"};
        String p = bases[r.nextInt(bases.length)];
        if (r.nextInt(5) == 0) {
            p += "?" + pick(r, "x=1", "=", "%", "a&&b");
        }
        return p;
    }

    private byte[] body(Random r) {
        String good = "{\"StorageURL\":\"" + volumeUrl.replace("/con", "/other") + "\",\"AuthToken\":\"" + token + "\"}";
        switch (r.nextInt(7)) {
            case 0:
                return new byte[0];
            case 1: {
                byte[] b = new byte[r.nextInt(200)];
                r.nextBytes(b);
                return b;
            }
            case 2: {
                char[] c = good.toCharArray();
                for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
                    c[r.nextInt(c.length)] = (char) (32 + r.nextInt(95));
                }
                return new String(c).getBytes(StandardCharsets.UTF_8);
            }
            case 3:
                return good.substring(0, r.nextInt(good.length())).getBytes(StandardCharsets.UTF_8);
            case 4:
                return pick(r, "{}", "[]", "null", "{\"StorageURL\":7}", "{\"StorageURL\":\"http://127.0.0.1:1/v1/a/c\"}",
                        "{\"StorageURL\":\"not a url\"}", "{\"StorageURL\":\"" + volumeUrl + "\",\"AuthToken\":\"bad\"}",
                        "{\"StorageURL\":\"" + "[".repeat(5000) + "\"}", "{\"AuthToken\":\"" + token + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
            case 5:
                return ("{\"StorageURL\":\"" + "x".repeat(2 << 20) + "\"}").getBytes(StandardCharsets.UTF_8); // over the limit
            default:
                return good.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Sends one raw HTTP/1.1 request on a new connection and returns the whole response (or "" if none). */
    private String raw(String method, String path, List<String> headers, byte[] body) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), imgr.httpPort())) {
            s.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            for (String h : headers) {
                head.append(h).append("\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            OutputStream out = s.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (IOException closedEarly) {
                // The server may refuse and close before reading an oversized body.
            }
            InputStream in = s.getInputStream();
            byte[] all = in.readAllBytes();
            return new String(all, StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketException reset) {
            return "";
        }
    }

    private static int status(String response) {
        if (!response.startsWith("HTTP/1.1 ")) {
            return 0;
        }
        return Integer.parseInt(response.substring(9, 12));
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
