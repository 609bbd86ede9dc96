package io.proxyfs.imgr.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proxyfs.httpstatus.Router;
import io.proxyfs.ilayout.ExtentMapEntryValueV1;
import io.proxyfs.ilayout.InodeHeadV1;
import io.proxyfs.ilayout.InodeLinkTableEntry;
import io.proxyfs.ilayout.InodeStreamTableEntry;
import io.proxyfs.ilayout.InodeType;
import io.proxyfs.ilayout.LayoutEntryV1;
import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.imgr.volume.NonceRange;
import io.proxyfs.imgr.volume.Volume;
import io.proxyfs.imgrapi.PutInodeTableEntry;
import io.proxyfs.layouttree.LayoutCodecs;
import io.proxyfs.layouttree.ObjectBuilder;
import io.proxyfs.sortedmap.BPlusTree;
import io.proxyfs.sortedmap.NodeLocation;
import io.proxyfs.httpstatus.StatusServer;
import io.proxyfs.imgr.volume.VolumeManager;
import io.proxyfs.imgr.volume.VolumeSettings;
import io.proxyfs.iswift.SwiftAccount;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.SwiftCredentials;
import io.proxyfs.swift.TempAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** imgr's /volume REST routes over a real HTTP server, against the in-process Swift emulator. */
@Timeout(60)
class VolumeEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private SwiftEmulator emulator;
    private VolumeManager manager;
    private StatusServer server;
    private String token;
    private String accountUrl;
    private final ExecutorService deleter = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).start();
        SwiftClientSettings fast = new SwiftClientSettings(Duration.ofMillis(5), 2.0, 1, Duration.ofSeconds(10), 8);
        TempAuth auth = new TempAuth(emulator.authUrl(), SwiftAccount.DEFAULT.user(), SwiftAccount.DEFAULT.key(), fast);
        SwiftCredentials credentials = auth.current();
        token = credentials.token();
        accountUrl = credentials.storageUrl();
        try (SwiftClient swift = new SwiftClient(auth, fast)) {
            swift.createContainer("con");
        }
        manager = new VolumeManager(fast, new VolumeSettings(100, 4, null), Duration.ofHours(1), deleter,
                Optional.empty());
        server = new StatusServer("imgr-test", "127.0.0.1", 0,
                new VolumeEndpoints(manager, MountDirectory.NONE, 2048, 1024, () -> { }).addTo(new Router()), 1 << 20).start();
    }

    @AfterEach
    void stop() {
        server.close();
        manager.close();
        deleter.shutdownNow();
        emulator.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), BodyHandlers.ofString());
    }

    private String volumeJson(boolean withToken) {
        return "{\"StorageURL\":\"" + accountUrl + "/con\"" + (withToken ? ",\"AuthToken\":\"" + token + "\"" : "") + "}";
    }

    @Test
    void formatServeListAndUnserveAsTheOriginal() throws Exception {
        assertEquals(201, send("POST", "/volume", volumeJson(true), null).statusCode());
        HttpResponse<String> again = send("POST", "/volume", volumeJson(true), null);
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("already holds a volume"), again.body());

        assertEquals(201, send("PUT", "/volume/testvol", volumeJson(true), null).statusCode());
        assertEquals(409, send("PUT", "/volume/testvol", volumeJson(true), null).statusCode());

        HttpResponse<String> list = send("GET", "/volume", null, null);
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains("\"Name\" : \"testvol\""), list.body());
        assertTrue(list.body().contains(accountUrl + "/con"), list.body());
        assertFalse(list.body().contains(token), "no AuthToken in /volume");

        HttpResponse<String> one = send("GET", "/volume/testvol", null, null);
        assertTrue(one.body().contains("\"InodeTableInodeCount\" : 1"), one.body());
        assertFalse(one.body().contains(token));

        HttpResponse<String> page = send("GET", "/volume", null, "text/html");
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<a href=\"/volume/testvol\">testvol</a>"), page.body());
        assertFalse(page.body().contains(token));

        assertEquals(204, send("DELETE", "/volume/testvol", null, null).statusCode());
        assertEquals(404, send("DELETE", "/volume/testvol", null, null).statusCode());
        assertEquals(404, send("GET", "/volume/testvol", null, null).statusCode());
        assertEquals("[ ]", send("GET", "/volume", null, null).body());
    }

    @Test
    void badRequestsGetAOneLineReasonAndChangeNothing() throws Exception {
        HttpResponse<String> notJson = send("POST", "/volume", "{nope", null);
        assertEquals(400, notJson.statusCode());
        assertTrue(notJson.body().startsWith("the body is not JSON"), notJson.body());
        assertEquals(400, send("POST", "/volume", "{\"StorageURL\":\"" + accountUrl + "/con\"}", null).statusCode());
        assertEquals(400, send("PUT", "/volume/testvol", "[]", null).statusCode());
        HttpResponse<String> unformatted = send("PUT", "/volume/testvol", volumeJson(true), null);
        assertEquals(409, unformatted.statusCode());
        assertEquals("[ ]", send("GET", "/volume", null, null).body());
        assertEquals(405, send("PATCH", "/volume/testvol", null, null).statusCode());
    }

    @Test
    void volumeAndInodePagesShowTheDurableStateAndNeverTheToken() throws Exception {
        assertEquals(201, send("POST", "/volume", volumeJson(true), null).statusCode());
        assertEquals(201, send("PUT", "/volume/testvol", volumeJson(true), null).statusCode());
        // A file (with data and a one-extent map) and a symbolic link, written as a client would,
        // then made durable by a checkpoint.
        Volume volume = manager.open("testvol", token).orElseThrow().volume();
        long fileObject;
        long linkObject;
        byte[] fileHead;
        byte[] linkHead;
        SwiftClient swift = new SwiftClient(new io.proxyfs.swift.FixedTokenAuth(token, accountUrl),
                new SwiftClientSettings(Duration.ofMillis(5), 2.0, 1, Duration.ofSeconds(10), 8));
        try (swift) {
            NonceRange nonces = volume.fetchNonceRange(2);
            fileObject = nonces.next();
            linkObject = fileObject + 1;
            ObjectBuilder file = new ObjectBuilder(fileObject);
            file.append("hello".getBytes(StandardCharsets.US_ASCII));
            BPlusTree<Long, ExtentMapEntryValueV1> extents = BPlusTree.create(2048, LayoutCodecs.U64_KEYS,
                    LayoutCodecs.EXTENT_MAP_VALUES, file.nodeSink(), null);
            extents.put(0L, new ExtentMapEntryValueV1(5, fileObject, 0));
            NodeLocation extentRoot = extents.flush(false);
            fileHead = new InodeHeadV1(2, InodeType.FILE, List.of(new InodeLinkTableEntry(1, "f.txt")), 5,
                    1_700_000_000_000_000_000L, 1_700_000_000_000_000_000L, 0644, 1000, 1000,
                    List.of(new InodeStreamTableEntry("user.tag", new byte[] {(byte) 0xAB, 0x01})),
                    extentRoot.objectNumber(), extentRoot.objectOffset(), extentRoot.objectLength(), "",
                    List.of(new LayoutEntryV1(fileObject, file.size(), file.size()))).marshal();
            file.append(fileHead);
            swift.putObject("con", ObjectNames.nameOf(fileObject), file.toByteArray());
            linkHead = new InodeHeadV1(3, InodeType.SYMLINK, List.of(new InodeLinkTableEntry(1, "l")), 0, 0, 0,
                    0777, 0, 0, List.of(), 0, 0, 0, "f.txt", List.of()).marshal();
            swift.putObject("con", ObjectNames.nameOf(linkObject), linkHead);
        }
        volume.putInodeTableEntries(List.of(new PutInodeTableEntry(2, fileObject, fileHead.length),
                new PutInodeTableEntry(3, linkObject, linkHead.length)), 2, 0, 0, List.of());
        volume.checkPoint();

        JsonNode v = JSON.readTree(send("GET", "/volume/testvol", null, null).body());
        assertEquals("testvol", v.get("Name").asText());
        assertEquals(0, v.get("HealthyMounts").asLong());
        assertEquals(ObjectNames.nameOf(volume.durableCheckPoint().superBlockObjectNumber()),
                v.get("SuperBlockObjectName").asText());
        assertEquals(volume.durableCheckPoint().reservedToNonce(), v.get("ReservedToNonce").asLong());
        assertEquals(3, v.get("InodeTableInodeCount").asLong());
        assertEquals(1, v.get("InodeTableHeight").asLong());
        assertEquals(1024, v.get("InodeTableMinInodesPerNode").asLong());
        assertEquals(2048, v.get("InodeTableMaxInodesPerNode").asLong());
        assertEquals(List.of(1L, 2L, 3L), longs(v.get("InodeTable"), "InodeNumber"));
        assertEquals(ObjectNames.nameOf(fileObject), v.get("InodeTable").get(1).get("InodeHeadObjectName").asText());
        assertEquals(fileHead.length, v.get("InodeTable").get(1).get("InodeHeadLength").asLong());
        assertEquals(3, v.get("InodeObjectCount").asLong(), "root's object and the two new ones");
        assertTrue(v.get("InodeTableLayout").get(0).has("BytesWritten"), v.toString());
        assertTrue(v.get("PendingDeleteObjectNameArray").isArray());
        assertFalse(v.toString().contains(token));

        JsonNode root = JSON.readTree(send("GET", "/volume/testvol/inode/1", null, null).body());
        assertEquals("Dir", root.get("InodeType").asText());
        assertEquals(0755, root.get("Mode").asInt());
        assertEquals(2, root.get("DirEntryCount").asLong());
        assertEquals(List.of(".", ".."), texts(root.get("Payload"), "BaseName"));
        assertFalse(root.has("Size"), "a directory has no Size");

        JsonNode f = JSON.readTree(send("GET", "/volume/testvol/inode/2", null, null).body());
        assertEquals("File", f.get("InodeType").asText());
        assertEquals(5, f.get("Size").asLong());
        assertEquals("2023-11-14T22:13:20Z", f.get("ModificationTime").asText());
        assertEquals("AB 01", f.get("StreamTable").get(0).get("Value").asText());
        assertEquals(1, f.get("ExtentCount").asLong());
        JsonNode extent = f.get("Payload").get(0);
        assertEquals(0, extent.get("FileOffset").asLong());
        assertEquals(5, extent.get("Length").asLong());
        assertEquals(ObjectNames.nameOf(fileObject), extent.get("ObjectName").asText());
        assertEquals(1, f.get("LinkTable").get(0).get("ParentDirInodeNumber").asLong());

        JsonNode l = JSON.readTree(send("GET", "/volume/testvol/inode/3", null, null).body());
        assertEquals("SymLink", l.get("InodeType").asText());
        assertEquals("f.txt", l.get("SymLinkTarget").asText());
        assertFalse(l.has("Payload"));

        String volumePage = send("GET", "/volume/testvol", null, "text/html").body();
        assertTrue(volumePage.contains("<a href=\"/volume/testvol/inode/2\">2</a>"), volumePage);
        assertFalse(volumePage.contains(token));
        String inodePage = send("GET", "/volume/testvol/inode/2", null, "text/html").body();
        assertTrue(inodePage.contains("<a href=\"/volume/testvol/inode/1\">1</a>"), "links to its parent");
        assertTrue(inodePage.contains("f.txt") && inodePage.contains("AB 01"), inodePage);

        assertEquals(404, send("GET", "/volume/testvol/inode/99", null, null).statusCode());
        assertEquals(404, send("GET", "/volume/nope/inode/1", null, null).statusCode());
        assertEquals(400, send("GET", "/volume/testvol/inode/x", null, null).statusCode());
        assertEquals(400, send("GET", "/volume/testvol/other/1", null, null).statusCode());
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/volume/testvol"))
                .header("X-Auth-Token", "AUTH_tkbogus").GET().build(), BodyHandlers.ofString());
        assertEquals(401, refused.statusCode(), "the X-Auth-Token header replaces the volume's token for the read");
    }

    private static List<Long> longs(JsonNode array, String field) {
        List<Long> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asLong()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }
}
