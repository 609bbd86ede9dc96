package io.proxyfs.imgr.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.iswift.SwiftAccount;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.SwiftCredentials;
import io.proxyfs.swift.TempAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Format, serve, unserve and the served-volumes state file, against the in-process Swift emulator. */
@Timeout(60)
class VolumeManagerTest {
    @TempDir
    Path dir;

    private SwiftEmulator emulator;
    private SwiftClient swift;
    private String token;
    private String accountUrl;
    private final ExecutorService deleter = Executors.newFixedThreadPool(2);
    private final SwiftClientSettings fast = new SwiftClientSettings(Duration.ofMillis(5), 2.0, 1,
            Duration.ofSeconds(10), 8);
    private VolumeManager manager;

    @BeforeEach
    void start() throws Exception {
        emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).start();
        TempAuth auth = new TempAuth(emulator.authUrl(), SwiftAccount.DEFAULT.user(), SwiftAccount.DEFAULT.key(), fast);
        SwiftCredentials credentials = auth.current();
        token = credentials.token();
        accountUrl = credentials.storageUrl();
        swift = new SwiftClient(auth, fast);
        swift.createContainer("con");
        swift.createContainer("other");
        manager = newManager();
    }

    @AfterEach
    void stop() {
        manager.close();
        deleter.shutdownNow();
        swift.close();
        emulator.close();
    }

    private VolumeManager newManager() throws Exception {
        return new VolumeManager(fast, new VolumeSettings(100, 4, null), Duration.ofHours(1), deleter,
                Optional.of(dir.resolve("state/volumes.json")));
    }

    private static VolumeAdminException.Reason refusal(Executable body) {
        return assertThrows(VolumeAdminException.class, body::run).reason();
    }

    @FunctionalInterface
    private interface Executable {
        void run() throws Exception;
    }

    @Test
    void formatRefusesMissingContainersAndFormattedOnes() throws Exception {
        assertEquals(VolumeAdminException.Reason.CONFLICT,
                refusal(() -> manager.format(accountUrl + "/nosuch", token, 2048, 1024)));
        manager.format(accountUrl + "/con", token, 2048, 1024);
        assertEquals(3, swift.listAllObjects("con").size());
        VolumeAdminException again = assertThrows(VolumeAdminException.class,
                () -> manager.format(accountUrl + "/con", token, 2048, 1024));
        assertEquals(VolumeAdminException.Reason.CONFLICT, again.reason());
        assertTrue(again.getMessage().contains("already holds a volume"), again.getMessage());
        assertEquals(VolumeAdminException.Reason.BAD_REQUEST, refusal(() -> manager.format("ftp://x/y", token, 2048, 1024)));
        assertEquals(VolumeAdminException.Reason.BAD_REQUEST, refusal(() -> manager.format(accountUrl + "/con2", "", 2048, 1024)));
        assertEquals(VolumeAdminException.Reason.STORAGE,
                refusal(() -> manager.format(accountUrl + "/other", "AUTH_tkbogus", 2048, 1024)));
    }

    @Test
    void serveOpensTheVolumeAndRefusesDuplicatesAndUnformattedContainers() throws Exception {
        manager.format(accountUrl + "/con", token, 2048, 1024);
        manager.serve("testvol", accountUrl + "/con", token);
        VolumeInfo info = manager.get("testvol").orElseThrow();
        assertTrue(info.open());
        assertEquals(1, info.status().orElseThrow().numInodes());
        assertFalse(info.toString().contains(token), "a token must never show");
        assertEquals(VolumeAdminException.Reason.CONFLICT, refusal(() -> manager.serve("testvol", accountUrl + "/other", token)));
        assertEquals(VolumeAdminException.Reason.CONFLICT, refusal(() -> manager.serve("again", accountUrl + "/con/", token)));
        assertEquals(VolumeAdminException.Reason.CONFLICT, refusal(() -> manager.serve("empty", accountUrl + "/other", token)));
        assertEquals(VolumeAdminException.Reason.BAD_REQUEST, refusal(() -> manager.serve("a/b", accountUrl + "/other", token)));
        assertEquals(1, manager.list().size());
    }

    @Test
    void aTokenIsAcceptedWhileTheCheckpointIsMomentarilyMissing() throws Exception {
        manager.format(accountUrl + "/con", token, 2048, 1024);
        manager.serve("testvol", accountUrl + "/con", token);
        assertTrue(manager.accepts("testvol", token));
        assertFalse(manager.accepts("testvol", "not-a-token"));
        // What a loaded real Swift answers for a moment while the checkpoint is overwritten.
        byte[] checkPoint = swift.getObject("con", "0000000000000000");
        swift.deleteObject("con", "0000000000000000");
        assertTrue(manager.accepts("testvol", token), "a 404 means Swift accepted the token");
        assertFalse(manager.accepts("testvol", "not-a-token"));
        swift.putObject("con", "0000000000000000", checkPoint);
    }

    @Test
    void servedVolumesAreServedAgainAfterARestart() throws Exception {
        manager.format(accountUrl + "/con", token, 2048, 1024);
        manager.serve("testvol", accountUrl + "/con", token);
        manager.serve("lazy", accountUrl + "/other", "");
        Path state = dir.resolve("state/volumes.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
        manager.close();

        manager = newManager();
        assertEquals(2, manager.list().size());
        assertTrue(manager.get("testvol").orElseThrow().open());
        assertFalse(manager.get("lazy").orElseThrow().open());
        manager.unserve("lazy");
        assertEquals(VolumeAdminException.Reason.NOT_FOUND, refusal(() -> manager.unserve("lazy")));
        manager.close();

        manager = newManager();
        assertEquals(1, manager.list().size());
        assertEquals("testvol", manager.list().get(0).name());
    }

    @Test
    void unreadableStateFileIsAClearError() throws Exception {
        manager.close();
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state/volumes.json"), "{not json");
        java.io.IOException e = assertThrows(java.io.IOException.class, this::newManager);
        assertTrue(e.getMessage().contains("volumes.json"), e.getMessage());
        manager = new VolumeManager(fast, new VolumeSettings(100, 4, null), Duration.ofHours(1), deleter,
                Optional.empty());
    }
}
