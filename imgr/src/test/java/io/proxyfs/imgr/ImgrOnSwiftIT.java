package io.proxyfs.imgr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proxyfs.conf.ConfMap;
import io.proxyfs.ilayout.CheckPointV1;
import io.proxyfs.ilayout.InodeHeadV1;
import io.proxyfs.ilayout.InodeLinkTableEntry;
import io.proxyfs.ilayout.InodeType;
import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.ilayout.SuperBlockV1;
import io.proxyfs.imgr.volume.SwiftVolumeObjects;
import io.proxyfs.imgr.volume.Volume;
import io.proxyfs.imgr.volume.VolumeSettings;
import io.proxyfs.imgrapi.FetchNonceRangeRequest;
import io.proxyfs.imgrapi.FetchNonceRangeResponse;
import io.proxyfs.imgrapi.FlushRequest;
import io.proxyfs.imgrapi.FlushResponse;
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
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.retryrpc.RetryRpcClient;
import io.proxyfs.retryrpc.RetryRpcClientSettings;
import io.proxyfs.retryrpc.RpcErrorException;
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
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * imgr on each Swift back-end (the in-process emulator and the real Swift of
 * {@code scripts/swift-aio.sh}): {@code imgr/mkmount.sh} authenticates, creates the container,
 * formats it and serves {@code testvol}; a client mounts, writes an inode under an Exclusive
 * lease and flushes; the checkpoint, superblock and inode table are then decoded from Swift
 * itself and checked; the status routes show the result; unserving refuses further mounts.
 */
@Timeout(300)
class ImgrOnSwiftIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SwiftClientSettings SETTINGS =
            new SwiftClientSettings(Duration.ofMillis(20), 2.0, 4, Duration.ofSeconds(30), 8);

    private static SwiftEmulator emulator;

    @TempDir
    Path dir;

    private Imgr imgr;
    private SwiftClient swift;
    private String container;
    private final ExecutorService deleter = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newHttpClient();

    /** A back-end: its base URL (auth at {@code /auth/v1.0}). */
    record Backend(String name, boolean emulated) {
        String baseUrl() {
            return emulated ? emulator.baseUrl() : RealSwift.URL;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Backend> backends() {
        return Stream.of(new Backend("emulator", true), new Backend("real-swift", false));
    }

    @BeforeAll
    static void startEmulator() throws IOException {
        emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @AfterEach
    void stop() throws IOException {
        if (imgr != null) {
            imgr.stop();
        }
        deleter.shutdownNow();
        if (swift != null) {
            for (ObjectInfo o : swift.listAllObjects(container)) {
                swift.deleteObject(container, o.name());
            }
            swift.deleteContainer(container);
            swift.close();
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private record Run(int exit, String output) {
    }

    private Run mkmount(Backend backend, String... flags) throws Exception {
        List<String> command = new ArrayList<>(List.of(LauncherCheck.top().resolve("imgr/mkmount.sh").toString()));
        command.addAll(List.of(flags));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PROXYFS_SWIFT_URL", backend.baseUrl());
        pb.environment().put("PROXYFS_IMGR_URL", "http://127.0.0.1:" + imgr.httpPort());
        pb.environment().put("PROXYFS_CONTAINER", container);
        pb.environment().put("PROXYFS_WAIT_SECONDS", "20");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "mkmount.sh finished");
        return new Run(p.exitValue(), out);
    }

    private JsonNode getJson(String path) throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + imgr.httpPort() + path)).build(),
                BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void mkmountFormatsAndServesAndFlushedInodesAreInSwift(Backend backend) throws Exception {
        if (!backend.emulated()) {
            RealSwift.require();
        }
        container = "imgr-it-" + UUID.randomUUID();
        TempAuth auth = new TempAuth(backend.baseUrl() + "/auth/v1.0", RealSwift.USER, RealSwift.KEY, SETTINGS);
        SwiftCredentials credentials = auth.current();
        imgr = Imgr.start(ConfMap.load(LauncherCheck.top().resolve("imgr/dev.conf"), List.of(
                "IMGR.RetryRPCPort=" + freePort(), "IMGR.HTTPServerPort=" + freePort(), "IMGR.CheckPointInterval=1h",
                "IMGR.ServedVolumesFilePath=" + dir.resolve("served.json"))));
        swift = new SwiftClient(auth, SETTINGS);

        assertEquals(0, mkmount(backend, "-h").exit());
        assertEquals(2, mkmount(backend, "-x").exit());
        // With the token (-s) imgr can see the container holds no volume; without it, it cannot
        // look, and the volume would fail at its first mount instead.
        Run unformatted = mkmount(backend, "-s");
        assertEquals(1, unformatted.exit(), unformatted.output());
        assertTrue(unformatted.output().contains("created container " + container), unformatted.output());
        assertTrue(unformatted.output().contains("serving volume testvol failed (409)"), unformatted.output());

        Run first = mkmount(backend, "-f", "-s");
        assertEquals(0, first.exit(), first.output());
        assertTrue(first.output().contains("container " + container + " exists"), first.output());
        assertTrue(first.output().contains("formatted container " + container), first.output());
        assertTrue(first.output().contains("serving volume testvol"), first.output());
        assertFalse(first.output().contains(credentials.token()), "the token is never printed");
        Run again = mkmount(backend, "-f", "-s");
        assertEquals(0, again.exit(), again.output());
        assertTrue(again.output().contains("not formatted: ") && again.output().contains("already holds a volume"),
                "formatting a formatted container is refused, and said: " + again.output());
        assertTrue(again.output().contains("volume testvol is already served"), again.output());
        assertEquals(1, getJson("/volume/testvol").get("InodeTableInodeCount").asLong());

        long inode;
        try (RetryRpcClient client = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", imgr.rpcPort())
                .withCallDeadline(Duration.ofSeconds(60)), p -> { }, (o, n) -> { })) {
            String mountId = client.call(ImgrMethods.MOUNT, new MountRequest("testvol", credentials.token()),
                    MountResponse.class).mountID();
            FetchNonceRangeResponse nonces = client.call(ImgrMethods.FETCH_NONCE_RANGE,
                    new FetchNonceRangeRequest(mountId), FetchNonceRangeResponse.class);
            inode = nonces.nextNonce();
            long object = inode + 1;
            assertEquals(LeaseResponseType.EXCLUSIVE, client.call(ImgrMethods.LEASE,
                    new LeaseRequest(mountId, inode, LeaseRequestType.EXCLUSIVE), LeaseResponse.class)
                    .leaseResponseType());
            byte[] head = new InodeHeadV1(inode, InodeType.FILE, List.of(new InodeLinkTableEntry(1, "f")), 0, 1, 1,
                    0644, 0, 0, List.of(), 0, 0, 0, "", List.of()).marshal();
            swift.putObject(container, ObjectNames.nameOf(object), head);
            client.call(ImgrMethods.PUT_INODE_TABLE_ENTRIES, new PutInodeTableEntriesRequest(mountId,
                    List.of(new PutInodeTableEntry(inode, object, head.length)), 1, head.length, head.length,
                    List.of()), PutInodeTableEntriesResponse.class);
            client.call(ImgrMethods.FLUSH, new FlushRequest(mountId), FlushResponse.class);

            // What the flush made durable, decoded from Swift with no help from imgr.
            CheckPointV1 checkPoint = CheckPointV1.unmarshal(swift.getObject(container, ObjectNames.nameOf(0)));
            assertTrue(Long.compareUnsigned(checkPoint.reservedToNonce(), object) >= 0, checkPoint.toText());
            SuperBlockV1 superBlock = SuperBlockV1.unmarshal(swift.getObjectTail(container,
                    ObjectNames.nameOf(checkPoint.superBlockObjectNumber()), checkPoint.superBlockLength()));
            assertEquals(2, superBlock.inodeObjectCount(), "the root directory's object and the new one");
            Volume fromSwift = Volume.open("check", new SwiftVolumeObjects(swift, container),
                    new VolumeSettings(100, 4, null), deleter);
            assertEquals(object, fromSwift.getInodeTableEntry(inode).orElseThrow().inodeHeadObjectNumber());
            assertEquals(head.length, fromSwift.getInodeTableEntry(inode).orElseThrow().inodeHeadLength());
            assertEquals(2, fromSwift.status().numInodes());
        }

        JsonNode page = getJson("/volume/testvol/inode/" + inode);
        assertEquals("File", page.get("InodeType").asText());
        assertEquals("f", page.get("LinkTable").get(0).get("ParentDirEntryName").asText());
        assertEquals(2, getJson("/volume/testvol").get("InodeTableInodeCount").asLong());

        // /metrics, as a monitoring system scrapes it, counts what just happened.
        var metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + imgr.httpPort() + "/metrics"))
                .build(), BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        String m = metrics.body();
        for (String expected : List.of("imgr_rpc_duration_seconds_count{method=\"Mount\"} 1",
                "imgr_rpc_duration_seconds_count{method=\"Flush\"} 1",
                "imgr_rpc_duration_seconds_count{method=\"PutInodeTableEntries\"} 1",
                "imgr_volume_served{volume=\"testvol\"} 1", "imgr_volume_inodes{volume=\"testvol\"} 2",
                "imgr_swift_requests_total{verb=\"PUT\",status=\"2xx\"}", "imgr_volume_checkpoint_age_seconds{volume=\"testvol\"}",
                "imgr_volume_leases{volume=\"testvol\",state=")) {
            assertTrue(m.contains(expected), "/metrics lacks " + expected + ":\n" + m);
        }

        var deleted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + imgr.httpPort()
                + "/volume/testvol")).DELETE().build(), BodyHandlers.ofString());
        assertEquals(204, deleted.statusCode());
        try (RetryRpcClient client = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", imgr.rpcPort()),
                p -> { }, (o, n) -> { })) {
            RpcErrorException e = org.junit.jupiter.api.Assertions.assertThrows(RpcErrorException.class,
                    () -> client.call(ImgrMethods.MOUNT, new MountRequest("testvol", credentials.token()),
                            MountResponse.class));
            assertTrue(e.errstr().startsWith("EUnknownVolumeName:"), e.errstr());
        }
        assertTrue(swift.listAllObjects(container).size() >= 3, "unserving leaves the container as it is");
    }
}
