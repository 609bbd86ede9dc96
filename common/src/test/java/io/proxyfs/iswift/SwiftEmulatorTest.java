package io.proxyfs.iswift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import io.proxyfs.swift.QuietLogs;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The emulator's HTTP behaviour, checked with raw requests over a real loopback socket. */
@Timeout(60)
class SwiftEmulatorTest {
    private final OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false)
            .readTimeout(Duration.ofSeconds(10)).build();
    private SwiftEmulator swift;
    private String token;
    private String storage;

    @BeforeAll
    static void quiet() {
        QuietLogs.apply();
    }

    @BeforeEach
    void start() throws IOException {
        swift = SwiftEmulator.builder().port(0).listingLimit(5).start();
        login();
    }

    @AfterEach
    void stop() {
        swift.close();
        http.connectionPool().evictAll();
    }

    private void login() throws IOException {
        try (Response r = http.newCall(new Request.Builder().url(swift.authUrl())
                .header("X-Auth-User", "test:tester").header("X-Auth-Key", "testing").build()).execute()) {
            assertEquals(200, r.code());
            token = r.header("X-Auth-Token");
            assertEquals(token, r.header("X-Storage-Token"));
            storage = r.header("X-Storage-Url");
        }
    }

    private Response call(String method, String path, byte[] body, String... headers) throws IOException {
        Request.Builder b = new Request.Builder().url(storage + path)
                .method(method, body == null ? null : RequestBody.create(body, null));
        b.header("X-Auth-Token", token);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.newCall(b.build()).execute();
    }

    private int status(String method, String path, byte[] body, String... headers) throws IOException {
        try (Response r = call(method, path, body, headers)) {
            return r.code();
        }
    }

    private String bodyOf(String method, String path, String... headers) throws IOException {
        try (Response r = call(method, path, null, headers)) {
            return r.body().string();
        }
    }

    @Test
    void authReturnsStorageUrlOfTheDefaultAccount() {
        assertEquals("http://127.0.0.1:" + swift.port() + "/v1/AUTH_test", storage);
        assertTrue(token.startsWith("AUTH_tk"));
    }

    @Test
    void wrongKeyMissingTokenAndRevokedTokenGet401() throws IOException {
        try (Response r = http.newCall(new Request.Builder().url(swift.authUrl())
                .header("X-Auth-User", "test:tester").header("X-Auth-Key", "nope").build()).execute()) {
            assertEquals(401, r.code());
        }
        try (Response r = http.newCall(new Request.Builder().url(storage).build()).execute()) {
            assertEquals(401, r.code());
        }
        assertEquals(204, status("GET", "", null), "an account without containers lists nothing");
        swift.revokeTokens();
        assertEquals(401, status("GET", "", null));
        login();
        assertEquals(204, status("GET", "", null));
    }

    @Test
    void containerLifecycle() throws IOException {
        assertEquals(201, status("PUT", "/c", new byte[0]));
        assertEquals(202, status("PUT", "/c", new byte[0]));
        assertEquals(201, status("PUT", "/c/o", "hello".getBytes(StandardCharsets.UTF_8)));
        try (Response r = call("HEAD", "/c", null)) {
            assertEquals(204, r.code());
            assertEquals("1", r.header("X-Container-Object-Count"));
            assertEquals("5", r.header("X-Container-Bytes-Used"));
        }
        assertEquals("c\n", bodyOf("GET", ""));
        assertEquals(409, status("DELETE", "/c", null));
        assertEquals(204, status("DELETE", "/c/o", null));
        assertEquals(404, status("DELETE", "/c/o", null));
        assertEquals(204, status("DELETE", "/c", null));
        assertEquals(404, status("DELETE", "/c", null));
        assertEquals(404, status("HEAD", "/c", null));
        assertEquals(404, status("PUT", "/c/o", new byte[1]));
    }

    @Test
    void listingsPageWithMarkerLimitPrefixAndCap() throws IOException {
        status("PUT", "/c", new byte[0]);
        for (String name : new String[] {"a1", "a2", "b1", "b2", "b3", "b4", "c1"}) {
            assertEquals(201, status("PUT", "/c/" + name, name.getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals("a1\na2\nb1\nb2\nb3\n", bodyOf("GET", "/c"), "capped at the listing limit (5)");
        assertEquals("b4\nc1\n", bodyOf("GET", "/c?marker=b3"));
        assertEquals("b1\nb2\n", bodyOf("GET", "/c?prefix=b&limit=2"));
        assertEquals("b3\nb4\n", bodyOf("GET", "/c?prefix=b&marker=b2"));
        assertEquals(412, status("GET", "/c?limit=6", null));
        try (Response r = call("GET", "/c?marker=c1", null)) {
            assertEquals(204, r.code());
        }
        String json = bodyOf("GET", "/c?format=json&limit=1");
        assertTrue(json.startsWith("[{\"name\":\"a1\",\"bytes\":2,\"hash\":\"" + md5Hex("a1") + "\""), json);
        assertTrue(json.contains("\"content_type\":") && json.contains("\"last_modified\":"), json);
        assertEquals("[]", bodyOf("GET", "/c?format=json&marker=zz"));
    }

    @Test
    void rangesAndSuffixes() throws IOException {
        status("PUT", "/c", new byte[0]);
        status("PUT", "/c/o", "0123456789".getBytes(StandardCharsets.UTF_8));
        try (Response r = call("GET", "/c/o", null, "Range", "bytes=2-4")) {
            assertEquals(206, r.code());
            assertEquals("bytes 2-4/10", r.header("Content-Range"));
            assertEquals("234", r.body().string());
        }
        try (Response r = call("GET", "/c/o", null, "Range", "bytes=7-")) {
            assertEquals(206, r.code());
            assertEquals("789", r.body().string());
        }
        try (Response r = call("GET", "/c/o", null, "Range", "bytes=-3")) {
            assertEquals(206, r.code());
            assertEquals("bytes 7-9/10", r.header("Content-Range"));
            assertEquals("789", r.body().string());
        }
        try (Response r = call("GET", "/c/o", null, "Range", "bytes=8-100")) {
            assertEquals("89", r.body().string());
        }
        try (Response r = call("GET", "/c/o", null, "Range", "bytes=10-")) {
            assertEquals(416, r.code());
            assertEquals("bytes */10", r.header("Content-Range"));
        }
        try (Response r = call("HEAD", "/c/o", null)) {
            assertEquals(200, r.code());
            assertEquals("10", r.header("Content-Length"));
            assertEquals(md5Hex("0123456789"), r.header("ETag"));
        }
    }

    @Test
    void chunkedPutAndEtagCheck() throws IOException {
        status("PUT", "/c", new byte[0]);
        RequestBody chunked = new RequestBody() {
            @Override
            public MediaType contentType() {
                return null;
            }

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.writeUtf8("chunked ").flush();
                sink.writeUtf8("body");
            }
        };
        try (Response r = http.newCall(new Request.Builder().url(storage + "/c/o").put(chunked)
                .header("X-Auth-Token", token).build()).execute()) {
            assertEquals(201, r.code());
            assertEquals(md5Hex("chunked body"), r.header("ETag"));
        }
        assertEquals("chunked body", bodyOf("GET", "/c/o"));
        assertEquals(422, status("PUT", "/c/o2", new byte[3], "ETag", md5Hex("other")));
        assertEquals(404, status("GET", "/c/o2", null));
    }

    @Test
    void faultRulesFailDropDelayAndCount() throws IOException {
        status("PUT", "/c", new byte[0]);
        FaultInjector.Handle fail = swift.faults().add(FaultRule.fail(503, 2).matching("GET", "/v1/AUTH_test/c"));
        assertEquals(503, status("GET", "/c", null));
        assertEquals(503, status("GET", "/c", null));
        assertEquals(204, status("GET", "/c", null));
        assertEquals(3, fail.matched());
        assertEquals(2, fail.fired());
        fail.remove();

        swift.faults().add(FaultRule.drop(1).matching("HEAD", null));
        assertThrows(IOException.class, () -> status("HEAD", "/c", null));
        assertEquals(204, status("HEAD", "/c", null));

        swift.faults().add(FaultRule.delay(Duration.ofMillis(300), 1));
        long t0 = System.nanoTime();
        assertEquals(204, status("HEAD", "/c", null));
        assertTrue(System.nanoTime() - t0 >= 300_000_000L);
        swift.faults().clear();
    }

    @Test
    void seededFractionIsReproducible() {
        FaultInjector a = new FaultInjector();
        FaultInjector b = new FaultInjector();
        a.add(FaultRule.fail(503, -1).sometimes(0.5, 42));
        b.add(FaultRule.fail(503, -1).sometimes(0.5, 42));
        StringBuilder sa = new StringBuilder();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            sa.append(a.onRequest("GET", "/x").isPresent() ? '1' : '0');
            sb.append(b.onRequest("GET", "/x").isPresent() ? '1' : '0');
        }
        assertEquals(sa.toString(), sb.toString());
        assertTrue(sa.indexOf("1") >= 0 && sa.indexOf("0") >= 0, sa.toString());
    }

    @Test
    void faultAdminEndpointTakesJson() throws IOException {
        String admin = swift.baseUrl() + "/_fault";
        String rule = "{\"action\":\"fail\",\"status\":500,\"method\":\"GET\",\"path\":\"/healthcheck\",\"count\":1}";
        try (Response r = http.newCall(new Request.Builder().url(admin)
                .post(RequestBody.create(rule, MediaType.get("application/json"))).build()).execute()) {
            assertEquals(201, r.code());
        }
        try (Response r = http.newCall(new Request.Builder().url(swift.baseUrl() + "/healthcheck").build()).execute()) {
            assertEquals(500, r.code());
        }
        try (Response r = http.newCall(new Request.Builder().url(admin).build()).execute()) {
            String listed = r.body().string();
            assertTrue(listed.contains("\"fired\":1"), listed);
        }
        try (Response r = http.newCall(new Request.Builder().url(admin)
                .post(RequestBody.create("{\"action\":\"explode\"}", null)).build()).execute()) {
            assertEquals(400, r.code());
        }
        try (Response r = http.newCall(new Request.Builder().url(admin).delete().build()).execute()) {
            assertEquals(204, r.code());
        }
        assertTrue(swift.faults().rules().isEmpty());
        try (Response r = http.newCall(new Request.Builder().url(swift.baseUrl() + "/healthcheck").build()).execute()) {
            assertEquals(200, r.code());
            assertEquals("OK", r.body().string());
        }
    }

    @Test
    void faultAdminRefusesBodiesOver64KiB() throws IOException {
        byte[] big = new byte[(64 << 10) + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        try (Response r = http.newCall(new Request.Builder().url(swift.baseUrl() + "/_fault")
                .post(RequestBody.create(big, MediaType.get("application/json"))).build()).execute()) {
            assertEquals(413, r.code());
        }
        assertTrue(swift.faults().rules().isEmpty());
    }

    @Test
    void aPutDeclaringMoreThanSwiftsMaxFileSizeGets413() throws IOException {
        assertEquals(201, status("PUT", "/big", new byte[0]));
        String answer = io.proxyfs.testing.RawHttp.send(swift.port(), "PUT", "/v1/AUTH_test/big/o",
                java.util.List.of("X-Auth-Token: " + token), new byte[10], 6_000_000_000L);
        assertEquals(413, io.proxyfs.testing.RawHttp.status(answer), answer);
        assertEquals(404, status("HEAD", "/big/o", null), "nothing stored");
    }

    @Test
    void aDeclaredLengthAllocatesNoMoreThan16MiBBeforeTheBytesArrive() throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
                java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        BlobStore.PendingBlob blob = new MemoryBlobStore().write("AUTH_test", "c", "o",
                new java.io.ByteArrayInputStream(new byte[10]), 2_000_000_000L);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(10, blob.length());
        assertTrue(allocated < 20L << 20, "a PUT declaring 2 GB and sending 10 bytes allocated " + allocated + " bytes");
        byte[] large = new byte[40 << 20];
        new java.util.Random(1).nextBytes(large);
        BlobStore.PendingBlob grown = new MemoryBlobStore().write("AUTH_test", "c", "o",
                new java.io.ByteArrayInputStream(large), large.length);
        assertEquals(large.length, grown.length(), "an object above the first buffer still arrives whole");
        try (java.io.InputStream in = grown.commit().open(0, large.length)) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(large, in.readAllBytes());
        }
    }

    @Test
    void diskStoreSurvivesRestart(@TempDir Path dir) throws IOException {
        swift.close();
        swift = SwiftEmulator.builder().port(0).dataDir(dir).start();
        login();
        assertEquals(201, status("PUT", "/vol", new byte[0]));
        assertEquals(201, status("PUT", "/vol/0000000000000001", "checkpoint".getBytes(StandardCharsets.UTF_8)));
        assertEquals(201, status("PUT", "/vol/name with spaces/and.dots", "x".getBytes(StandardCharsets.UTF_8)));
        swift.close();
        swift = SwiftEmulator.builder().port(0).dataDir(dir).start();
        login();
        assertEquals("checkpoint", bodyOf("GET", "/vol/0000000000000001"));
        assertEquals("0000000000000001\nname with spaces/and.dots\n", bodyOf("GET", "/vol"));
        try (Response r = call("HEAD", "/vol/0000000000000001", null)) {
            assertEquals(md5Hex("checkpoint"), r.header("ETag"));
        }
        assertEquals(204, status("DELETE", "/vol/0000000000000001", null));
        assertEquals(204, status("DELETE", "/vol/name with spaces/and.dots", null));
        assertEquals(204, status("DELETE", "/vol", null));
    }

    @Test
    void accountSpecParsesUserWithColon() {
        SwiftAccount a = SwiftAccount.parse("test:tester:testing:AUTH_test");
        assertEquals(SwiftAccount.DEFAULT, a);
        assertThrows(IllegalArgumentException.class, () -> SwiftAccount.parse("nokey"));
        assertTrue(!a.toString().contains("testing"));
    }

    @Test
    void mainRejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--bogus", "1"}));
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--port"}));
        assertThrows(IllegalArgumentException.class, () -> Main.parse(new String[] {"--port", "x"}));
        assertNotNull(Main.parse(new String[] {"--ip", "127.0.0.1", "--port", "0", "--account", "u:k:AUTH_u"}));
    }

    static String md5Hex(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
