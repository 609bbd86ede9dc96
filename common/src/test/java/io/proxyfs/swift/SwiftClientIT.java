package io.proxyfs.swift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.iswift.FaultInjector;
import io.proxyfs.iswift.FaultRule;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.testing.RealSwift;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Swift client end to end, once against the in-process emulator and once against a real
 * OpenStack Swift on 127.0.0.1:8080 ({@code scripts/swift-aio.sh start}). Without a real Swift the
 * real-Swift cases are skipped, or fail when {@code PROXYFS_REQUIRE_REAL_SWIFT=1}. Fault cases
 * run on the emulator only. Each test uses its own container and deletes it afterwards.
 */
@Timeout(600)
class SwiftClientIT {
    private static final SwiftClientSettings SETTINGS =
            new SwiftClientSettings(Duration.ofMillis(20), 2.0, 4, Duration.ofMinutes(2), 32);

    private static SwiftEmulator emulator;

    /** One back-end: where to authenticate, and the emulator when it is one. */
    record Backend(String name, SwiftEmulator emulator) {
        String authUrl() {
            return emulator == null ? RealSwift.AUTH_URL : emulator.authUrl();
        }

        boolean isEmulator() {
            return emulator != null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final List<Runnable> cleanups = new ArrayList<>();

    @BeforeAll
    static void startEmulator() throws IOException {
        QuietLogs.apply();
        emulator = SwiftEmulator.builder().port(0).start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @AfterEach
    void cleanUp() {
        cleanups.forEach(Runnable::run);
        cleanups.clear();
    }

    static Stream<Backend> backends() {
        return Stream.of(new Backend("emulator", emulator), new Backend("real-swift", null));
    }

    private static void requireReachable(Backend backend) {
        if (!backend.isEmulator()) {
            RealSwift.require();
        }
    }

    private SwiftClient client(Backend backend) {
        requireReachable(backend);
        SwiftClient c = new SwiftClient(new TempAuth(backend.authUrl(), "test:tester", "testing", SETTINGS), SETTINGS);
        cleanups.add(c::close);
        return c;
    }

    /** Creates a container unique to this test, emptied and deleted after it. */
    private String container(SwiftClient client) throws IOException {
        String name = "it-" + UUID.randomUUID();
        assertTrue(client.createContainer(name));
        cleanups.add(0, () -> {
            try {
                deleteAll(client, name);
                client.deleteContainer(name);
            } catch (IOException e) {
                throw new IllegalStateException("cleanup of " + name + " failed", e);
            }
        });
        return name;
    }

    private static void deleteAll(SwiftClient client, String container) throws IOException {
        List<String> names = new ArrayList<>();
        for (ObjectInfo o : client.listAllObjects(container)) {
            names.add(o.name());
        }
        parallel(names, name -> client.deleteObject(container, name));
    }

    interface NameTask {
        void run(String name) throws IOException;
    }

    private static void parallel(List<String> names, NameTask task) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String n : names) {
                futures.add(pool.submit(() -> {
                    task.run(n);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void authenticates(Backend backend) throws IOException {
        requireReachable(backend);
        TempAuth auth = new TempAuth(backend.authUrl(), "test:tester", "testing", SETTINGS);
        SwiftCredentials c = auth.current();
        assertTrue(c.storageUrl().endsWith("/v1/AUTH_test"), c.storageUrl());
        assertFalse(c.toString().contains(c.token()));
        TempAuth wrong = new TempAuth(backend.authUrl(), "test:tester", "wrong", SETTINGS);
        SwiftAuthException e = assertThrows(SwiftAuthException.class, wrong::current);
        assertEquals(401, e.status());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void reauthenticatesAfterTheTokenGoesBad(Backend backend) throws IOException {
        requireReachable(backend);
        SwiftClient setup = client(backend);
        String c = container(setup);
        setup.putObject(c, "o", new byte[] {42});
        TempAuth real = new TempAuth(backend.authUrl(), "test:tester", "testing", SETTINGS);
        String storageUrl = real.current().storageUrl();
        SwiftAuth garbageFirst = new SwiftAuth() {
            private SwiftCredentials now = new SwiftCredentials("AUTH_tkgarbage0000000000000000000000", storageUrl);

            @Override
            public synchronized SwiftCredentials current() {
                return now;
            }

            @Override
            public synchronized SwiftCredentials refresh(SwiftCredentials stale) throws IOException {
                now = real.refresh(real.current());
                return now;
            }
        };
        try (SwiftClient client = new SwiftClient(garbageFirst, SETTINGS)) {
            assertArrayEquals(new byte[] {42}, client.getObject(c, "o"));
        }
        if (backend.isEmulator()) {
            backend.emulator().revokeTokens();
            assertArrayEquals(new byte[] {42}, setup.getObject(c, "o"), "re-authenticates after revocation");
        }
        try (SwiftClient fixed = new SwiftClient(new FixedTokenAuth("AUTH_tkgarbage1", storageUrl), SETTINGS)) {
            assertEquals(401, assertThrows(SwiftAuthException.class, () -> fixed.getObject(c, "o")).status());
        }
        SwiftClient sharing = setup.withAuth(new FixedTokenAuth("AUTH_tkgarbage2", storageUrl));
        assertEquals(401, assertThrows(SwiftAuthException.class, () -> sharing.getObject(c, "o")).status(),
                "a client sharing the pool uses its own token");
        assertArrayEquals(new byte[] {42}, setup.getObject(c, "o"), "and the original keeps its own");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void containerLifecycle(Backend backend) throws IOException {
        SwiftClient client = client(backend);
        String c = "it-" + UUID.randomUUID();
        assertTrue(client.createContainer(c));
        assertFalse(client.createContainer(c));
        client.putObject(c, "a", new byte[3]);
        client.putObject(c, "b", new byte[4]);
        assertEquals(new ContainerInfo(2, 7), client.headContainer(c));
        assertEquals(List.of("a", "b"), client.listObjectNames(c, null, 100));
        assertEquals(List.of("b"), client.listObjectNames(c, "a", 100));
        List<ObjectInfo> json = client.listObjects(c, "", 1);
        assertEquals(1, json.size());
        assertEquals("a", json.get(0).name());
        assertEquals(3, json.get(0).bytes());
        assertEquals(32, json.get(0).hash().length());
        assertEquals(409, assertThrows(SwiftException.class, () -> client.deleteContainer(c)).status());
        assertTrue(client.deleteObject(c, "a"));
        assertTrue(client.deleteObject(c, "b"));
        assertTrue(client.deleteContainer(c));
        assertFalse(client.deleteContainer(c));
        assertTrue(assertThrows(SwiftException.class, () -> client.headContainer(c)).isNotFound());
        assertTrue(assertThrows(SwiftException.class, () -> client.putObject(c, "x", new byte[1])).isNotFound());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void objectsPutGetRangeSuffixHeadDelete(Backend backend) throws IOException {
        SwiftClient client = client(backend);
        String c = container(client);
        byte[] data = new byte[10_000];
        new PatternStream(3, data.length).read(data, 0, data.length);
        String name = "3210000000000000";
        String etag = client.putObject(c, name, data);
        assertEquals(md5(data), etag);
        assertArrayEquals(data, client.getObject(c, name));
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 1000, 1100), client.getObjectRange(c, name, 1000, 100));
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 9_826, 10_000), client.getObjectTail(c, name, 174));
        try (InputStream in = client.openObjectRange(c, name, 5, 10)) {
            assertArrayEquals(java.util.Arrays.copyOfRange(data, 5, 15), in.readAllBytes());
        }
        ObjectHead head = client.headObject(c, name);
        assertEquals(10_000, head.length());
        assertEquals(etag, head.etag());
        String overwrite = client.putObject(c, name, new byte[] {1});
        assertEquals(1, client.headObject(c, name).length());
        assertFalse(overwrite.equals(etag));
        assertTrue(client.deleteObject(c, name));
        assertFalse(client.deleteObject(c, name), "404 on delete is reported, not thrown");
        assertTrue(assertThrows(SwiftException.class, () -> client.headObject(c, name)).isNotFound());
        assertEquals(416, assertThrows(SwiftException.class, () -> {
            client.putObject(c, "small", new byte[4]);
            client.getObjectRange(c, "small", 10, 2);
        }).status());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void listingPagesWithMarker(Backend backend) throws IOException {
        SwiftClient client = client(backend);
        String c = container(client);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            names.add(String.format("%016X", Long.reverse(i) >>> 0));
        }
        parallel(names, n -> client.putObject(c, n, new byte[] {1}));
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        List<String> listed = new ArrayList<>();
        for (ObjectInfo o : client.listAllObjects(c, 1_000)) {
            listed.add(o.name());
        }
        assertEquals(sorted, listed);
        List<String> plain = new ArrayList<>();
        String marker = null;
        while (true) {
            List<String> page = client.listObjectNames(c, marker, 999);
            if (page.isEmpty()) {
                break;
            }
            assertTrue(page.size() <= 999);
            plain.addAll(page);
            marker = page.get(page.size() - 1);
        }
        assertEquals(sorted, plain);
        assertEquals(2_500, client.headContainer(c).objectCount());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void largeObjectStreamsBothWays(Backend backend) throws IOException {
        SwiftClient client = client(backend);
        String c = container(client);
        long length = 64L * 1024 * 1024;
        MessageDigest sent = md5();
        String etag = client.putObject(c, "large", length, () -> {
            sent.reset();
            return new DigestInputStream(new PatternStream(11, length), sent);
        });
        assertEquals(HexFormat.of().formatHex(sent.digest()), etag);
        MessageDigest got = md5();
        long read = 0;
        try (InputStream in = client.openObject(c, "large")) {
            byte[] buf = new byte[256 * 1024];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                got.update(buf, 0, n);
                read += n;
            }
        }
        assertEquals(length, read);
        assertEquals(etag, HexFormat.of().formatHex(got.digest()));
    }

    // ------------------------------------------------------------ emulator only

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void emulatorCapsAPageAtTenThousand(Backend backend) throws IOException {
        Assumptions.assumeTrue(backend.isEmulator(), "10,000-object listing cap is exercised on the emulator only");
        SwiftClient client = client(backend);
        String c = container(client);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10_050; i++) {
            names.add(String.format("%016X", i));
        }
        parallel(names, n -> client.putObject(c, n, new byte[0]));
        assertEquals(10_000, client.listObjects(c, null, SwiftClient.MAX_LISTING_LIMIT).size());
        OkHttpClient raw = new OkHttpClient();
        TempAuth auth = new TempAuth(backend.authUrl(), "test:tester", "testing", SETTINGS);
        try (Response r = raw.newCall(new Request.Builder().url(auth.current().storageUrl() + "/" + c)
                .header("X-Auth-Token", auth.current().token()).build()).execute()) {
            assertEquals(10_000, r.body().string().split("\n").length, "a page without limit holds 10,000 names");
        } finally {
            raw.connectionPool().evictAll();
        }
        assertEquals(10_050, client.listAllObjects(c).size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void emulatorFaultsExerciseRetries(Backend backend) throws IOException {
        Assumptions.assumeTrue(backend.isEmulator(), "fault injection exists on the emulator only");
        SwiftClient client = client(backend);
        String c = container(client);
        FaultInjector faults = backend.emulator().faults();
        try {
            FaultInjector.Handle twice = faults.add(FaultRule.fail(503, 2).matching("PUT", "/v1/AUTH_test/" + c + "/o"));
            client.putObject(c, "o", new byte[] {5});
            assertEquals(3, twice.matched());

            FaultInjector.Handle always = faults.add(FaultRule.fail(503, -1).matching("GET", "/v1/AUTH_test/" + c + "/o"));
            SwiftException e = assertThrows(SwiftException.class, () -> client.getObject(c, "o"));
            assertEquals(SETTINGS.retryLimit() + 1, always.matched());
            assertTrue(e.getMessage().contains("GET " + c + "/o") && e.getMessage().contains("503"), e.getMessage());
            always.remove();

            FaultInjector.Handle forbidden = faults.add(FaultRule.fail(403, -1).matching("HEAD", null));
            assertEquals(403, assertThrows(SwiftException.class, () -> client.headObject(c, "o")).status());
            assertEquals(1, forbidden.matched());
            forbidden.remove();

            FaultInjector.Handle drops = faults.add(FaultRule.drop(2).matching("GET", null));
            assertArrayEquals(new byte[] {5}, client.getObject(c, "o"));
            assertEquals(2, drops.fired());
        } finally {
            faults.clear();
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String md5(byte[] data) {
        return HexFormat.of().formatHex(md5().digest(data));
    }
}
