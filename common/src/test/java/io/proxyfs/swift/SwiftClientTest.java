package io.proxyfs.swift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.proxyfs.iswift.FaultInjector;
import io.proxyfs.iswift.FaultRule;
import io.proxyfs.iswift.SwiftEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** The client against the in-process emulator: retries, re-authentication, limits, errors. */
@Timeout(60)
class SwiftClientTest {
    private static final SwiftClientSettings FAST =
            new SwiftClientSettings(Duration.ofMillis(5), 2.0, 3, Duration.ofSeconds(5), 8);

    private SwiftEmulator swift;
    private TempAuth auth;
    private SwiftClient client;

    @BeforeAll
    static void quiet() {
        QuietLogs.apply();
    }

    @BeforeEach
    void start() throws IOException {
        swift = SwiftEmulator.builder().port(0).start();
        auth = new TempAuth(swift.authUrl(), "test:tester", "testing", FAST);
        client = new SwiftClient(auth, FAST);
        assertTrue(client.createContainer("c"));
    }

    @AfterEach
    void stop() {
        client.close();
        swift.close();
    }

    private FaultInjector faults() {
        return swift.faults();
    }

    @Test
    void basicObjectOperations() throws IOException {
        assertFalse(client.createContainer("c"), "second PUT finds it existing");
        byte[] data = "0123456789".getBytes(StandardCharsets.UTF_8);
        String etag = client.putObject("c", "1000000000000000", data);
        assertEquals(32, etag.length());
        assertArrayEquals(data, client.getObject("c", "1000000000000000"));
        assertEquals("234", new String(client.getObjectRange("c", "1000000000000000", 2, 3), StandardCharsets.UTF_8));
        assertEquals("6789", new String(client.getObjectTail("c", "1000000000000000", 4), StandardCharsets.UTF_8));
        ObjectHead head = client.headObject("c", "1000000000000000");
        assertEquals(10, head.length());
        assertEquals(etag, head.etag());
        assertEquals(new ContainerInfo(1, 10), client.headContainer("c"));
        assertTrue(client.deleteObject("c", "1000000000000000"));
        assertFalse(client.deleteObject("c", "1000000000000000"));
        SwiftException missing = assertThrows(SwiftException.class, () -> client.getObject("c", "1000000000000000"));
        assertTrue(missing.isNotFound());
        assertTrue(client.deleteContainer("c"));
        assertFalse(client.deleteContainer("c"));
    }

    @Test
    void namesAreUrlEncoded() throws IOException {
        String name = "dir/a b+c%d?e#f\u00e9";
        client.putObject("c", name, new byte[] {7});
        assertArrayEquals(new byte[] {7}, client.getObject("c", name));
        assertEquals(List.of(name), client.listObjectNames("c", null, 10));
        assertEquals(name, client.listObjects("c", "", 10).get(0).name());
    }

    @Test
    void retrySucceedsAfterNFailures() throws IOException {
        FaultInjector.Handle h = faults().add(FaultRule.fail(503, 3).matching("PUT", "/v1/AUTH_test/c/o"));
        client.putObject("c", "o", new byte[] {1, 2, 3});
        assertEquals(3, h.fired());
        assertEquals(4, h.matched());
        assertArrayEquals(new byte[] {1, 2, 3}, client.getObject("c", "o"));
    }

    @Test
    void givesUpAfterRetryLimitPlusOneTries() {
        FaultInjector.Handle h = faults().add(FaultRule.fail(503, -1).matching("GET", "/v1/AUTH_test/c/o"));
        SwiftException e = assertThrows(SwiftException.class, () -> client.getObject("c", "o"));
        assertEquals(4, h.matched(), "SwiftRetryLimit 3 means 4 tries");
        assertEquals(503, e.status());
        assertEquals("GET", e.method());
        assertEquals("c/o", e.object());
        assertTrue(e.getMessage().contains("GET c/o") && e.getMessage().contains("503")
                && e.getMessage().contains("4 tries"), e.getMessage());
    }

    @Test
    void clientErrorsAreNotRetried() {
        FaultInjector.Handle h = faults().add(FaultRule.fail(400, -1).matching("HEAD", null));
        SwiftException e = assertThrows(SwiftException.class, () -> client.headObject("c", "o"));
        assertEquals(400, e.status());
        assertEquals(1, h.matched());
        h.remove();
        FaultInjector.Handle count = faults().add(FaultRule.delay(Duration.ZERO, -1).matching("GET", null));
        assertTrue(assertThrows(SwiftException.class, () -> client.getObject("c", "missing")).isNotFound());
        assertEquals(1, count.matched(), "404 is final");
    }

    @Test
    void throttlingAndRequestTimeoutStatusesAreRetried() throws IOException {
        FaultInjector.Handle h429 = faults().add(FaultRule.fail(429, 1).matching("PUT", null));
        FaultInjector.Handle h408 = faults().add(FaultRule.fail(408, 1).matching("PUT", null));
        client.putObject("c", "o", new byte[1]);
        assertEquals(1, h429.fired());
        assertEquals(1, h408.fired());
    }

    @Test
    void droppedConnectionIsRetried() throws IOException {
        client.putObject("c", "o", new byte[] {9});
        FaultInjector.Handle h = faults().add(FaultRule.drop(2).matching("GET", "/v1/AUTH_test/c/o"));
        assertArrayEquals(new byte[] {9}, client.getObject("c", "o"));
        assertEquals(2, h.fired());
    }

    @Test
    void slowServerTimesOutButLatencyBelowTimeoutIsFine() throws IOException {
        SwiftClientSettings shortTimeout = new SwiftClientSettings(Duration.ofMillis(5), 2.0, 1,
                Duration.ofMillis(300), 4);
        try (SwiftClient impatient = new SwiftClient(auth, shortTimeout)) {
            FaultInjector.Handle slow = faults().add(FaultRule.delay(Duration.ofSeconds(1), 2).matching("HEAD", null));
            SwiftException e = assertThrows(SwiftException.class, () -> impatient.headContainer("c"));
            assertEquals(SwiftException.NO_RESPONSE, e.status());
            assertTrue(e.getMessage().contains("HEAD c") && e.getMessage().contains("2 tries"), e.getMessage());
            assertEquals(2, slow.fired());
            slow.remove();
            faults().add(FaultRule.delay(Duration.ofMillis(100), -1).matching("HEAD", null));
            assertEquals(0, impatient.headContainer("c").objectCount());
        }
    }

    @Test
    void reauthenticatesOnceAfterTokenRevoked() throws IOException {
        client.putObject("c", "o", new byte[] {1});
        SwiftCredentials before = auth.current();
        swift.revokeTokens();
        assertArrayEquals(new byte[] {1}, client.getObject("c", "o"));
        assertFalse(before.token().equals(auth.current().token()), "a new token was fetched");
    }

    @Test
    void persistent401FailsAfterOneReauthentication() {
        FaultInjector.Handle h = faults().add(FaultRule.fail(401, -1).matching("GET", "/v1/AUTH_test/c/o"));
        SwiftAuthException e = assertThrows(SwiftAuthException.class, () -> client.getObject("c", "o"));
        assertEquals(401, e.status());
        assertEquals(2, h.matched());
    }

    @Test
    void fixedTokenRejectedFailsWithAuthExceptionWithoutTheToken() throws IOException {
        String secret = "AUTH_tkNOTVALIDsecret0123456789";
        try (SwiftClient fixed = new SwiftClient(new FixedTokenAuth(secret, swift.storageUrl("AUTH_test")), FAST)) {
            SwiftAuthException e = assertThrows(SwiftAuthException.class, () -> fixed.headContainer("c"));
            assertEquals(401, e.status());
            assertEquals("c", e.object());
            assertFalse(e.getMessage().contains(secret), e.getMessage());
        }
        FixedTokenAuth good = new FixedTokenAuth(secret, swift.storageUrl("AUTH_test"));
        good.replace(auth.current().token());
        try (SwiftClient fixed = new SwiftClient(good, FAST)) {
            assertEquals(0, fixed.headContainer("c").objectCount());
        }
    }

    @Test
    void streamedPutReopensItsSourceOnRetry() throws IOException {
        AtomicInteger opens = new AtomicInteger();
        long length = 3 * 1024 * 1024 + 17;
        faults().add(FaultRule.fail(503, 1).matching("PUT", null));
        client.putObject("c", "big", length, () -> {
            opens.incrementAndGet();
            return new PatternStream(5, length);
        });
        assertEquals(2, opens.get());
        try (InputStream got = client.openObject("c", "big"); InputStream want = new PatternStream(5, length)) {
            assertTrue(sameContent(want, got));
        }
    }

    @Test
    void shortBodySourceFails() {
        SwiftException e = assertThrows(SwiftException.class,
                () -> client.putObject("c", "short", 100, () -> new PatternStream(1, 50)));
        assertEquals(SwiftException.NO_RESPONSE, e.status());
    }

    @Test
    void concurrencyIsBoundedByPoolSize() throws Exception {
        SwiftClientSettings two = new SwiftClientSettings(Duration.ofMillis(5), 2.0, 0, Duration.ofSeconds(10), 2);
        try (SwiftClient narrow = new SwiftClient(auth, two)) {
            faults().add(FaultRule.delay(Duration.ofMillis(200), -1).matching("HEAD", null));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                long t0 = System.nanoTime();
                List<Future<ContainerInfo>> all = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    all.add(pool.submit(() -> narrow.headContainer("c")));
                }
                for (Future<ContainerInfo> f : all) {
                    f.get();
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(ms >= 750, "8 requests of 200 ms, 2 at a time, took only " + ms + " ms");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void closingAnUnreadStreamReleasesItsPermit() throws IOException {
        client.putObject("c", "o", new byte[100_000]);
        SwiftClientSettings one = new SwiftClientSettings(Duration.ofMillis(5), 2.0, 0, Duration.ofSeconds(5), 1);
        try (SwiftClient single = new SwiftClient(auth, one)) {
            for (int i = 0; i < 3; i++) {
                InputStream in = single.openObject("c", "o");
                assertEquals(0, in.read());
                in.close();
            }
            assertEquals(100_000, single.headObject("c", "o").length());
        }
    }

    @Test
    void noTokenInLogsOrExceptionMessages() throws IOException {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        List<String> messages = new ArrayList<>();
        String token = auth.current().token();
        try {
            faults().add(FaultRule.fail(503, 2).matching("PUT", null));
            client.putObject("c", "o", new byte[1]);
            faults().add(FaultRule.fail(500, -1).matching("DELETE", null));
            messages.add(assertThrows(SwiftException.class, () -> client.deleteObject("c", "o")).getMessage());
            swift.revokeTokens();
            client.getObject("c", "o");
            faults().add(FaultRule.fail(401, -1).matching("HEAD", null));
            messages.add(assertThrows(SwiftException.class, () -> client.headObject("c", "o")).getMessage());
            messages.add(auth.current().toString());
        } finally {
            root.detachAppender(appender);
        }
        String newToken = auth.current().token();
        assertFalse(appender.list.isEmpty(), "the client logged its retries");
        for (ILoggingEvent event : appender.list) {
            String line = event.getFormattedMessage();
            assertFalse(line.contains(token) || line.contains(newToken), "token in log line: " + line);
        }
        for (String m : messages) {
            assertFalse(m.contains(token) || m.contains(newToken), "token in message: " + m);
        }
    }

    @Test
    void settingsHaveTheOriginalsDefaultsAndValidate() {
        SwiftClientSettings d = SwiftClientSettings.defaults();
        assertEquals(Duration.ofMillis(100), d.retryDelay());
        assertEquals(2.0, d.expBackoff());
        assertEquals(4, d.retryLimit());
        assertEquals(Duration.ofMinutes(10), d.timeout());
        assertEquals(128, d.connectionPoolSize());
        assertEquals(Duration.ofMillis(400), d.nominalDelay(2));
        assertThrows(IllegalArgumentException.class,
                () -> new SwiftClientSettings(Duration.ofMillis(1), 0.5, 1, Duration.ofSeconds(1), 1));
        assertThrows(IllegalArgumentException.class,
                () -> new SwiftClientSettings(Duration.ofMillis(1), 2, -1, Duration.ofSeconds(1), 1));
    }

    static boolean sameContent(InputStream a, InputStream b) throws IOException {
        byte[] x = new byte[65536];
        byte[] y = new byte[65536];
        while (true) {
            int n = a.readNBytes(x, 0, x.length);
            int m = b.readNBytes(y, 0, y.length);
            if (n != m || !java.util.Arrays.equals(x, 0, n, y, 0, m)) {
                return false;
            }
            if (n < x.length) {
                return true;
            }
        }
    }
}
