package io.proxyfs.imgr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.proxyfs.imgrapi.LeaseResponseType;
import io.proxyfs.imgrapi.MountRequest;
import io.proxyfs.imgrapi.MountResponse;
import io.proxyfs.imgrapi.PutInodeTableEntriesRequest;
import io.proxyfs.imgrapi.PutInodeTableEntriesResponse;
import io.proxyfs.imgrapi.PutInodeTableEntry;
import io.proxyfs.iswift.SwiftAccount;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.retryrpc.RetryRpcClient;
import io.proxyfs.retryrpc.RetryRpcClientSettings;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.SwiftCredentials;
import io.proxyfs.swift.TempAuth;
import io.proxyfs.testing.LauncherCheck;
import io.proxyfs.testing.RealSwift;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The imgr daemon as a user runs it ({@code imgr/imgr imgr/dev.conf} with overrides), killed with
 * SIGKILL and started again: what a client flushed is there, the volume is served again without a
 * second PUT, and the client mounts again and carries on. Once on the emulator, once on the real
 * Swift of {@code scripts/swift-aio.sh}.
 */
@Timeout(120)
class ImgrCrashIT {
    @TempDir
    Path dir;

    private SwiftEmulator emulator;
    private Process imgr;
    private int rpcPort;
    private int httpPort;
    private final HttpClient http = HttpClient.newHttpClient();
    private SwiftClient swift;
    private String container;

    @BeforeEach
    void start() throws Exception {
        emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).start();
        rpcPort = freePort();
        httpPort = freePort();
    }

    @AfterEach
    void stop() throws Exception {
        if (imgr != null) {
            imgr.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (swift != null) {
            for (io.proxyfs.swift.ObjectInfo o : swift.listAllObjects(container)) {
                swift.deleteObject(container, o.name());
            }
            swift.deleteContainer(container);
            swift.close();
        }
        emulator.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void startImgr() throws Exception {
        Path top = LauncherCheck.top();
        List<String> command = new ArrayList<>(List.of(top.resolve("imgr/imgr").toString(), "imgr/dev.conf",
                "IMGR.RetryRPCPort=" + rpcPort, "IMGR.HTTPServerPort=" + httpPort,
                "IMGR.ServedVolumesFilePath=" + dir.resolve("served.json"), "IMGR.CheckPointInterval=1h",
                "IMGR.LogToConsole=false", "IMGR.LogFilePath=" + dir.resolve("imgr.log")));
        imgr = new ProcessBuilder(command).directory(top.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("imgr.out").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                if (get("/version").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                assertTrue(imgr.isAlive(), "imgr exited: " + java.nio.file.Files.readString(dir.resolve("imgr.out")));
            }
            assertTrue(System.nanoTime() < deadline, "imgr did not answer /version");
            Thread.sleep(100);
        }
    }

    private java.net.http.HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
                BodyHandlers.ofString());
    }

    private int send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .method(method, BodyPublishers.ofString(body)).build(), BodyHandlers.ofString()).statusCode();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"emulator", "real-swift"})
    void flushedUpdatesSurviveKillNineAndTheClientCarriesOn(String backend) throws Exception {
        boolean emulated = backend.equals("emulator");
        if (!emulated) {
            RealSwift.require();
        }
        SwiftClientSettings fast = new SwiftClientSettings(Duration.ofMillis(5), 2.0, 2, Duration.ofSeconds(10), 8);
        TempAuth auth = new TempAuth(emulated ? emulator.authUrl() : RealSwift.AUTH_URL, SwiftAccount.DEFAULT.user(),
                SwiftAccount.DEFAULT.key(), fast);
        SwiftCredentials credentials = auth.current();
        container = "crash-it-" + java.util.UUID.randomUUID();
        swift = new SwiftClient(auth, fast);
        swift.createContainer(container);
        String volume = "{\"StorageURL\":\"" + credentials.storageUrl() + "/" + container + "\",\"AuthToken\":\""
                + credentials.token() + "\"}";
        startImgr();
        assertEquals(201, send("POST", "/volume", volume));
        assertEquals(201, send("PUT", "/volume/testvol", volume));

        List<long[]> lost = new ArrayList<>();
        try (RetryRpcClient client = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", rpcPort)
                .withCallDeadline(Duration.ofSeconds(30)), p -> { }, (o, n) -> lost.add(new long[] {o, n}))) {
            String mountId = client.call(ImgrMethods.MOUNT, new MountRequest("testvol", credentials.token()),
                    MountResponse.class).mountID();
            long inode = client.call(ImgrMethods.FETCH_NONCE_RANGE, new FetchNonceRangeRequest(mountId),
                    FetchNonceRangeResponse.class).nextNonce();
            assertEquals(LeaseResponseType.EXCLUSIVE, client.call(ImgrMethods.LEASE,
                    new LeaseRequest(mountId, inode, LeaseRequestType.EXCLUSIVE), LeaseResponse.class).leaseResponseType());
            client.call(ImgrMethods.PUT_INODE_TABLE_ENTRIES, new PutInodeTableEntriesRequest(mountId,
                    List.of(new PutInodeTableEntry(inode, inode + 1, 77)), 1, 100, 100, List.of()),
                    PutInodeTableEntriesResponse.class);
            client.call(ImgrMethods.FLUSH, new FlushRequest(mountId), FlushResponse.class);

            imgr.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            startImgr();
            assertTrue(get("/volume").body().contains("testvol"), "served again without a second PUT");

            // The old mount is gone with the old process; the client mounts again and finds its
            // flushed update. The first call after the restart may be the one that learns the
            // session is lost (it may have been written to the dead connection): it is retried,
            // as iclient does.
            String again;
            try {
                again = client.call(ImgrMethods.MOUNT, new MountRequest("testvol", credentials.token()),
                        MountResponse.class).mountID();
            } catch (io.proxyfs.retryrpc.SessionLostException e) {
                again = client.call(ImgrMethods.MOUNT, new MountRequest("testvol", credentials.token()),
                        MountResponse.class).mountID();
            }
            assertEquals(LeaseResponseType.SHARED, client.call(ImgrMethods.LEASE,
                    new LeaseRequest(again, inode, LeaseRequestType.SHARED), LeaseResponse.class).leaseResponseType());
            GetInodeTableEntryResponse entry = client.call(ImgrMethods.GET_INODE_TABLE_ENTRY,
                    new GetInodeTableEntryRequest(again, inode), GetInodeTableEntryResponse.class);
            assertEquals(inode + 1, entry.inodeHeadObjectNumber());
            assertEquals(77, entry.inodeHeadLength());
            long next = client.call(ImgrMethods.FETCH_NONCE_RANGE, new FetchNonceRangeRequest(again),
                    FetchNonceRangeResponse.class).nextNonce();
            assertTrue(Long.compareUnsigned(next, inode) > 0, "nonces are never handed out twice");
        }
        assertEquals(1, lost.size(), "the client was told its session was lost");
        imgr.destroy();
        assertTrue(imgr.waitFor(30, TimeUnit.SECONDS), "SIGTERM stops imgr");
        assertEquals(0, imgr.exitValue());
    }
}
