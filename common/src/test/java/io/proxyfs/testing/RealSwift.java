package io.proxyfs.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * The real OpenStack Swift that integration tests run against: the single node of
 * {@code scripts/swift-aio.sh} on 127.0.0.1:8080 with tempauth account {@code test:tester} /
 * {@code testing}. A test that needs it calls {@link #require()}: without a running Swift the test
 * is skipped, or fails when {@code PROXYFS_REQUIRE_REAL_SWIFT=1} (as {@code scripts/test.sh} and
 * CI set it). Stateless.
 */
public final class RealSwift {
    /** Where to authenticate (auth v1.0). */
    public static final String AUTH_URL = "http://127.0.0.1:8080/auth/v1.0";
    /** The proxy's base URL. */
    public static final String URL = "http://127.0.0.1:8080";
    /** The tempauth user. */
    public static final String USER = "test:tester";
    /** Its key. */
    public static final String KEY = "testing";

    private RealSwift() {
    }

    /** Skips the calling test (or fails it when real Swift is required) unless Swift answers its healthcheck. */
    public static void require() {
        if (reachable()) {
            return;
        }
        if ("1".equals(System.getenv("PROXYFS_REQUIRE_REAL_SWIFT"))) {
            fail("real Swift not running on 127.0.0.1:8080 and PROXYFS_REQUIRE_REAL_SWIFT=1; "
                    + "run scripts/swift-aio.sh start");
        }
        Assumptions.abort("real Swift not running on 127.0.0.1:8080; run scripts/swift-aio.sh start");
    }

    /** Whether Swift answers {@code GET /healthcheck} with 200 within 3 s. */
    public static boolean reachable() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        try {
            return http.send(HttpRequest.newBuilder(URI.create(URL + "/healthcheck")).timeout(Duration.ofSeconds(3))
                    .build(), BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
