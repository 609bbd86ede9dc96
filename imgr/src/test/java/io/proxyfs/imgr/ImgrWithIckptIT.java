package io.proxyfs.imgr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.conf.ConfMap;
import io.proxyfs.ickpt.Ickpt;
import io.proxyfs.ilayout.CheckPointV1;
import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.imgrapi.FetchNonceRangeRequest;
import io.proxyfs.imgrapi.FetchNonceRangeResponse;
import io.proxyfs.imgrapi.FlushRequest;
import io.proxyfs.imgrapi.FlushResponse;
import io.proxyfs.imgrapi.GetInodeTableEntryRequest;
import io.proxyfs.imgrapi.GetInodeTableEntryResponse;
import io.proxyfs.imgrapi.ImgrMethods;
import io.proxyfs.imgrapi.LeaseRequest;
import io.proxyfs.imgrapi.LeaseRequestType;
import io.proxyfs.imgrapi.LeaseResponse;
import io.proxyfs.imgrapi.MountRequest;
import io.proxyfs.imgrapi.MountResponse;
import io.proxyfs.imgrapi.PutInodeTableEntriesRequest;
import io.proxyfs.imgrapi.PutInodeTableEntriesResponse;
import io.proxyfs.imgrapi.PutInodeTableEntry;
import io.proxyfs.iswift.SwiftAccount;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.retryrpc.RetryRpcClient;
import io.proxyfs.retryrpc.RetryRpcClientSettings;
import io.proxyfs.swift.ObjectInfo;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.SwiftCredentials;
import io.proxyfs.swift.TempAuth;
import io.proxyfs.testing.LauncherCheck;
import io.proxyfs.testing.RealSwift;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * imgr with {@code CheckPointIPAddrs} naming a 3-instance ickpt cluster (real ickpt instances
 * and RocksDB in this JVM, the Swift emulator on loopback): a flush is durable only on a
 * majority (two instances down: the flush fails, then succeeds once one is back); after imgr's
 * restart the newest checkpoint comes from ickpt although object 0 was made stale on purpose, and
 * the instance that missed writes is repaired. Once on the emulator, once on the real Swift of
 * {@code scripts/swift-aio.sh}.
 */
@Timeout(120)
class ImgrWithIckptIT {
    @TempDir
    Path dir;

    private SwiftEmulator emulator;
    private SwiftClient swift;
    private final Ickpt[] ickpt = new Ickpt[3];
    private final int[] ickptPorts = new int[3];
    private Imgr imgr;
    private int rpcPort;
    private int httpPort;
    private final HttpClient http = HttpClient.newHttpClient();
    private String container = "con";

    @BeforeEach
    void start() throws Exception {
        emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).start();
        for (int i = 0; i < 3; i++) {
            startIckpt(i);
        }
        rpcPort = freePort();
        httpPort = freePort();
    }

    @AfterEach
    void stop() throws Exception {
        if (imgr != null) {
            imgr.stop();
        }
        for (int i = 0; i < 3; i++) {
            stopIckpt(i);
        }
        if (swift != null) {
            for (ObjectInfo o : swift.listAllObjects(container)) {
                swift.deleteObject(container, o.name());
            }
            swift.deleteContainer(container);
            swift.close();
        }
        emulator.close();
    }

    private void startIckpt(int i) throws IOException {
        ickpt[i] = Ickpt.start(ConfMap.parse("[ICKPT]\nIPAddr: 127.0.0.1\nPort: " + ickptPorts[i]
                + "\nCertFilePath:\nKeyFilePath:\nCACertFilePath:\nDataBasePath: " + dir.resolve("ickpt" + i)
                + "\nSwiftRetryLimit: 1\nSwiftTimeout: 10s\nSwiftConnectionPoolSize: 8\nTransactionTimeout: 10s\n"
                + "LogFilePath:\nLogToConsole: false\nTraceEnabled: false\n", "ickpt" + i + ".conf"));
        ickptPorts[i] = ickpt[i].port();
    }

    private void stopIckpt(int i) {
        if (ickpt[i] != null) {
            ickpt[i].stop();
            ickpt[i] = null;
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void startImgr() throws Exception {
        List<String> addrs = new ArrayList<>();
        for (int p : ickptPorts) {
            addrs.add("127.0.0.1:" + p);
        }
        imgr = Imgr.start(ConfMap.load(LauncherCheck.top().resolve("imgr/dev.conf"), List.of(
                "IMGR.RetryRPCPort=" + rpcPort, "IMGR.HTTPServerPort=" + httpPort,
                "IMGR.ServedVolumesFilePath=" + dir.resolve("served.json"), "IMGR.CheckPointInterval=1h",
                "IMGR.CheckPointIPAddrs=" + String.join(",", addrs), "IMGR.CheckPointRetryDelay=10ms",
                "IMGR.CheckPointRetryLimit=1", "IMGR.CheckPointTimeout=5s", "IMGR.LogToConsole=false")));
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                BodyHandlers.ofString()).body();
    }

    private int send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .method(method, BodyPublishers.ofString(body)).build(), BodyHandlers.ofString()).statusCode();
    }

    private String object0() throws IOException {
        return new String(swift.getObject(container, "0000000000000000"), StandardCharsets.US_ASCII);
    }

    private static String mount(RetryRpcClient client, String token) throws Exception {
        try {
            return client.call(ImgrMethods.MOUNT, new MountRequest("testvol", token), MountResponse.class).mountID();
        } catch (io.proxyfs.retryrpc.SessionLostException e) {
            return client.call(ImgrMethods.MOUNT, new MountRequest("testvol", token), MountResponse.class).mountID();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"emulator", "real-swift"})
    void theNewestCheckPointComesFromIckptAfterARestartWhileObjectZeroIsStale(String backend) throws Exception {
        boolean emulated = backend.equals("emulator");
        if (!emulated) {
            RealSwift.require();
            container = "ickpt-it-" + java.util.UUID.randomUUID();
        }
        SwiftClientSettings fast = new SwiftClientSettings(Duration.ofMillis(5), 2.0, 2, Duration.ofSeconds(10), 8);
        TempAuth auth = new TempAuth(emulated ? emulator.authUrl() : RealSwift.AUTH_URL, SwiftAccount.DEFAULT.user(),
                SwiftAccount.DEFAULT.key(), fast);
        SwiftCredentials credentials = auth.current();
        swift = new SwiftClient(auth, fast);
        swift.createContainer(container);
        String volume = "{\"StorageURL\":\"" + credentials.storageUrl() + "/" + container + "\",\"AuthToken\":\""
                + credentials.token() + "\"}";
        startImgr();
        assertEquals(201, send("POST", "/volume", volume));
        assertEquals(201, send("PUT", "/volume/testvol", volume));
        String formatted = object0();

        long inode;
        try (RetryRpcClient client = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", rpcPort)
                .withCallDeadline(Duration.ofSeconds(30)), p -> { }, (o, n) -> { })) {
            String mountId = mount(client, credentials.token());
            inode = client.call(ImgrMethods.FETCH_NONCE_RANGE, new FetchNonceRangeRequest(mountId),
                    FetchNonceRangeResponse.class).nextNonce();
            client.call(ImgrMethods.LEASE, new LeaseRequest(mountId, inode, LeaseRequestType.EXCLUSIVE),
                    LeaseResponse.class);
            client.call(ImgrMethods.PUT_INODE_TABLE_ENTRIES, new PutInodeTableEntriesRequest(mountId,
                    List.of(new PutInodeTableEntry(inode, inode + 1, 77)), 1, 100, 100, List.of()),
                    PutInodeTableEntriesResponse.class);

            // Without a majority of ickpt instances the flush is not durable, and says so.
            stopIckpt(0);
            stopIckpt(1);
            Exception refused = assertThrows(Exception.class,
                    () -> client.call(ImgrMethods.FLUSH, new FlushRequest(mountId), FlushResponse.class));
            assertTrue(String.valueOf(refused.getMessage()).contains("ickpt"), refused.getMessage());

            // One back (instance 0 stays down and misses this flush): a majority again.
            startIckpt(1);
            client.call(ImgrMethods.FLUSH, new FlushRequest(mountId), FlushResponse.class);
        }
        imgr.stop();
        imgr = null;
        String newest = object0();
        CheckPointV1 durable = CheckPointV1.parse(newest);

        // Make object 0 stale on purpose, as an eventually consistent Swift may serve it.
        swift.putObject(container, "0000000000000000", formatted.getBytes(StandardCharsets.US_ASCII));
        assertNotEquals(newest, object0());
        startIckpt(0);

        startImgr();
        try (RetryRpcClient client = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", rpcPort)
                .withCallDeadline(Duration.ofSeconds(30)), p -> { }, (o, n) -> { })) {
            String mountId = mount(client, credentials.token());
            client.call(ImgrMethods.LEASE, new LeaseRequest(mountId, inode, LeaseRequestType.SHARED),
                    LeaseResponse.class);
            GetInodeTableEntryResponse entry = client.call(ImgrMethods.GET_INODE_TABLE_ENTRY,
                    new GetInodeTableEntryRequest(mountId, inode), GetInodeTableEntryResponse.class);
            assertEquals(inode + 1, entry.inodeHeadObjectNumber(), "the flushed update is there");
            long next = client.call(ImgrMethods.FETCH_NONCE_RANGE, new FetchNonceRangeRequest(mountId),
                    FetchNonceRangeResponse.class).nextNonce();
            assertTrue(Long.compareUnsigned(next, durable.reservedToNonce()) > 0, "nonces are never handed out twice");
        }
        String metrics = get("/metrics");
        assertTrue(metrics.contains("ickpt_client_operations_total{op=\"read\",result=\"ok\"}"), metrics);
        assertTrue(metrics.contains("ickpt_client_repairs_total{result=\"ok\"}"), metrics);
        assertTrue(metrics.contains("imgr_volumes_served 1\n"), metrics);
        String page = get("/volume/testvol");
        assertTrue(page.matches("(?s).*\"SuperBlockObjectName\"\\s*:\\s*\""
                + ObjectNames.nameOf(durable.superBlockObjectNumber()) + "\".*"), page);

        // The instance that was down during the flush was brought up to date by imgr's read.
        HttpRequest direct = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ickptPorts[0] + "/"))
                .header("X-Storage-Url", credentials.storageUrl() + "/" + container + "/0000000000000000")
                .header("X-Auth-Token", credentials.token()).build();
        CheckPointV1 held = CheckPointV1.parse(http.send(direct, BodyHandlers.ofString()).body());
        assertTrue(Long.compareUnsigned(held.reservedToNonce(), durable.reservedToNonce()) >= 0
                && Long.compareUnsigned(held.superBlockObjectNumber(), durable.superBlockObjectNumber()) >= 0,
                "instance 0 holds " + held + ", at least " + durable);
    }
}
