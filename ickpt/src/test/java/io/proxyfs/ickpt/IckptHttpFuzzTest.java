package io.proxyfs.ickpt;

import static io.proxyfs.ickpt.SwiftVolume.cp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.testing.HttpFuzz;
import io.proxyfs.testing.RawHttp;
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
 * Fuzzing ickpt's HTTP listener — the checkpoint protocol (PUT/DELETE stage, POST commit, GET and
 * HEAD of a volume's checkpoint, each with its X-Storage-Url and X-Auth-Token checks) and its
 * status routes — with raw requests: random methods, transaction ids (valid, too long, bad
 * characters, undecodable), volume URLs (valid, mutated, other schemes, without an object, at an
 * unreachable Swift), tokens (valid, wrong, empty, 10,000 characters), bodies (checkpoints newer,
 * older and mutated, random bytes, over the 4 KiB limit) and Content-Length lies. No request gets
 * a 5xx but 502 for a volume whose Swift cannot be reached, the server keeps serving, and a volume
 * whose checkpoint was committed before the run (and which the fuzz only reaches with bad tokens
 * or a GET) still has it after. {@code -Dproxyfs.fuzz.httpCases=N} (default 3,000).
 */
@Timeout(1800)
class IckptHttpFuzzTest {
    private static final String PRECIOUS = cp(5, 100);

    @TempDir
    Path dir;

    private SwiftVolume volume;
    private IckptInstances ickpt;
    private int port;

    @BeforeEach
    void start() throws Exception {
        volume = new SwiftVolume();
        ickpt = new IckptInstances(dir, 1, Duration.ofSeconds(2));
        port = ickpt.port(0);
        assertEquals(204, RawHttp.status(protocol("PUT", "/t0", volume.url(), volume.token, PRECIOUS)));
        assertEquals(204, RawHttp.status(protocol("POST", "/t0", volume.url(), volume.token, "")));
    }

    @AfterEach
    void stop() throws Exception {
        ickpt.close();
        volume.close();
    }

    @Test
    void noRequestGetsA5xxAndTheCommittedCheckPointSurvives() throws Exception {
        int cases = HttpFuzz.cases(3_000);
        HttpFuzz fuzz = new HttpFuzz(20261207L);
        List<String> fivexx = new ArrayList<>();
        long nonce = 100;
        for (int i = 0; i < cases; i++) {
            String method = fuzz.pick("PUT", "PUT", "POST", "POST", "DELETE", "GET", "GET", "HEAD", "PATCH", "G\u00e9T", "");
            String path = fuzz.withQuery(path(fuzz));
            String url = url(fuzz);
            boolean reachable = url.equals(volume.url()) || url.equals(volume.emptyUrl());
            List<String> headers = fuzz.commonHeaders();
            if (!fuzz.oneIn(8)) {
                headers.add("X-Storage-Url: " + url);
            }
            if (!fuzz.oneIn(8)) {
                // The committed volume is reached only with a bad token (or a plain GET): its
                // checkpoint must survive the run, so nothing may change it legitimately.
                boolean mayBeValid = !url.equals(volume.url()) || method.equals("GET");
                headers.add("X-Auth-Token: " + (mayBeValid && fuzz.random().nextBoolean() ? volume.token
                        : fuzz.pick("", "AUTH_tk0000", fuzz.mutate(volume.token), "t".repeat(10_000), "\u00ff")));
            }
            nonce += fuzz.random().nextInt(3) - 1;
            byte[] body = fuzz.body(cp(5 + (nonce & 7), nonce), 4097, cp(1, 1), cp(5, 100) + " ",
                    cp(5, 100).toLowerCase(), "0000000000000001 " + "F".repeat(17), "\u0000", "1 2 3 4", PRECIOUS + PRECIOUS);
            int declared = fuzz.oneIn(12) ? fuzz.random().nextInt(body.length + 1) : -1;
            String response = RawHttp.send(port, method, path, headers, body, declared);
            int status = RawHttp.status(response);
            fuzz.count(status);
            if (status >= 500 && !(status == 502 && !reachable)) {
                String h = headers.toString();
                fivexx.add(RawHttp.describe(method, path, response) + " " + h.substring(0, Math.min(h.length(), 300)));
            }
        }
        System.out.println("IckptHttpFuzzTest: %d requests, answers by status %s".formatted(cases, fuzz.tally()));
        assertTrue(fuzz.tally().containsKey(204) && fuzz.tally().containsKey(401) && fuzz.tally().containsKey(413),
                "the fuzz reached commits, token refusals and the size limit: " + fuzz.tally());
        assertTrue(fivexx.isEmpty(), fivexx.size() + " requests got a 5xx, e.g. " + fivexx.subList(0, Math.min(5, fivexx.size())));

        String committed = protocol("GET", "/", volume.url(), volume.token, "");
        assertEquals(200, RawHttp.status(committed), committed);
        assertEquals(PRECIOUS, RawHttp.body(committed), "the committed checkpoint is intact");
        assertTrue(committed.contains("X-Checkpoint-Source: ickpt"), committed);
        assertEquals(204, RawHttp.status(RawHttp.send(port, "HEAD", "/", List.of(), new byte[0])));
        String next = cp(6, 200);
        assertEquals(204, RawHttp.status(protocol("PUT", "/after", volume.url(), volume.token, next)), "still serving");
        assertEquals(204, RawHttp.status(protocol("POST", "/after", volume.url(), volume.token, "")));
        assertEquals(next, RawHttp.body(protocol("GET", "/", volume.url(), volume.token, "")));
        assertEquals(200, RawHttp.status(RawHttp.send(port, "GET", "/metrics", List.of(), new byte[0])));
    }

    private String path(HttpFuzz fuzz) {
        return fuzz.pick("/", "/", "/t1", "/t2", "/t3", "/t1", "/t2", "/t3", "/t0", "/" + "a".repeat(64),
                "/" + "a".repeat(65), "/bad id", "/%zz", "/t%2F1", "/t1/extra", "/..", "//", "/\u00e9", "/status", "/config",
                "/stats", "/metrics", "/version", "/index.html", "*", "/" + "x".repeat(9000));
    }

    private String url(HttpFuzz fuzz) {
        String good = volume.emptyUrl();
        return fuzz.pick(good, good, good, volume.url(), volume.url(), fuzz.mutate(good), fuzz.mutate(volume.url()),
                good.replace("http://", "HTTP://"), good.replace("http://", "ftp://"), good.substring(0, good.lastIndexOf('/') + 1),
                good + "?x", good + "#f", "http://127.0.0.1:1/v1/AUTH_test/c/0000000000000000", "http://", "",
                "http:///v1/AUTH_test/c/o", "http://127.0.0.1:" + volume.emulator.port() + "/v1/AUTH_test/o",
                good + "/" + "o".repeat(3000), "http://[::1/v1/a/c/o");
    }

    private String protocol(String method, String path, String url, String token, String body) throws Exception {
        return RawHttp.send(port, method, path, List.of("X-Storage-Url: " + url, "X-Auth-Token: " + token),
                body.getBytes(StandardCharsets.US_ASCII));
    }
}
