package io.proxyfs.iswift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.TempAuth;
import io.proxyfs.testing.RawHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzing the Swift emulator's HTTP handler with raw requests: random methods, paths (accounts,
 * containers, objects, odd encodings, long names), tokens, Range headers (malformed, reversed,
 * huge), Content-Length lies, query strings (limit, marker, format) and bodies. No request gets a
 * 5xx or kills the server, and an object stored before the run reads back intact after it.
 * {@code -Dproxyfs.fuzz.httpCases=N} (default 3,000).
 */
@Timeout(600)
class EmulatorHttpFuzzTest {
    private static final SwiftClientSettings FAST = new SwiftClientSettings(Duration.ofMillis(5), 2.0, 1,
            Duration.ofSeconds(10), 4);
    private SwiftEmulator emulator;
    private SwiftClient swift;
    private String token;
    private final byte[] precious = "an object that must survive the fuzzing".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void start() throws IOException {
        emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).start();
        TempAuth auth = new TempAuth(emulator.authUrl(), "test:tester", "testing", FAST);
        token = auth.current().token();
        swift = new SwiftClient(auth, FAST);
        swift.createContainer("c");
        swift.putObject("c", "0000000000000001", precious);
    }

    @AfterEach
    void stop() {
        swift.close();
        emulator.close();
    }

    @Test
    void noRequestGetsA5xxAndStoredObjectsSurvive() throws Exception {
        int cases = Integer.getInteger("proxyfs.fuzz.httpCases", 3_000);
        Random r = new Random(20261207L);
        List<String> fivexx = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            String method = pick(r, "GET", "GET", "PUT", "HEAD", "DELETE", "POST", "COPY", "OPTIONS", "");
            String path = pick(r, "/auth/v1.0", "/v1/AUTH_test", "/v1/AUTH_test/c", "/v1/AUTH_test/c/x" + r.nextInt(5),
                    "/v1/AUTH_test/nosuch/x", "/v1/AUTH_other/c", "/v1", "/", "/healthcheck", "/info", "/v1/AUTH_test/c/"
                    + "o".repeat(2000), "/v1/AUTH_test/c/%zz", "/v1/AUTH_test/c/a/../b", "/v1/AUTH_test//c", "/v1/AUTH_test/"
                    + "c".repeat(300));
            if (path.startsWith("/v1/AUTH_test/c") && !path.equals("/v1/AUTH_test/c") && method.equals("DELETE")
                    && path.endsWith("0000000000000001")) {
                continue;
            }
            if (r.nextInt(4) == 0) {
                path += "?" + pick(r, "limit=" + (r.nextInt(20_000) - 5), "marker=%", "format=json", "format=xml",
                        "limit=abc", "marker=" + "z".repeat(2000), "prefix=x&delimiter=/");
            }
            List<String> headers = new ArrayList<>();
            int t = r.nextInt(4);
            headers.add("X-Auth-Token: " + (t == 0 ? "" : t == 1 ? "bogus" : token));
            if (r.nextBoolean()) {
                headers.add("Range: " + pick(r, "bytes=0-9", "bytes=-5", "bytes=5-", "bytes=9-0", "bytes=-0", "bytes=x-y",
                        "bytes=0-" + Long.MAX_VALUE, "bytes=" + Long.MAX_VALUE + "-", "bytes=0-1,3-4", "items=0-1", "bytes="));
            }
            if (r.nextInt(5) == 0) {
                headers.add(pick(r, "X-Auth-User: test:tester", "X-Auth-Key: wrong", "X-Auth-User: nobody:x"));
            }
            byte[] body = new byte[r.nextInt(3) == 0 ? r.nextInt(5000) : 0];
            r.nextBytes(body);
            int lie = r.nextInt(10) == 0 ? r.nextInt(body.length + 1) : -1;
            String response = RawHttp.send(emulator.port(), method, path, headers, body, lie);
            int status = RawHttp.status(response);
            if (status >= 500) {
                fivexx.add(method + " " + path.substring(0, Math.min(80, path.length())) + " " + headers + " -> "
                        + response.lines().findFirst().orElse(""));
            }
        }
        assertTrue(fivexx.isEmpty(), fivexx.size() + " requests got a 5xx, e.g. " + fivexx.subList(0, Math.min(5, fivexx.size())));
        assertArrayEquals(precious, swift.getObject("c", "0000000000000001"));
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }
}
