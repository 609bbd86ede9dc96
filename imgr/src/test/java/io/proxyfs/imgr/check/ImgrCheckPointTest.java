package io.proxyfs.imgr.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.ilayout.InodeTableEntryValueV1;
import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.imgr.volume.FormattedVolume;
import io.proxyfs.imgr.volume.SwiftVolumeObjects;
import io.proxyfs.imgr.volume.Volume;
import io.proxyfs.imgr.volume.VolumeFormatter;
import io.proxyfs.imgr.volume.VolumeSettings;
import io.proxyfs.imgrapi.PutInodeTableEntry;
import io.proxyfs.iswift.SwiftAccount;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.swift.ObjectInfo;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.TempAuth;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The checker agrees with imgr's own checkpoints: after imgr's {@link Volume} rewrites the inode
 * table and superblock (and reclaims a removed inode: its objects leave the superblock's totals
 * and are deleted after the checkpoint), the volume is clean — with the objects still to delete
 * reported as crash orphans while imgr has not deleted them, and none once it has.
 */
@Timeout(60)
class ImgrCheckPointTest {
    private static final String CONTAINER = "con";

    private SwiftEmulator emulator;
    private SwiftClient swift;
    private final ExecutorService deleter = Executors.newFixedThreadPool(2);

    @BeforeEach
    void start() throws Exception {
        emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).start();
        SwiftClientSettings fast = new SwiftClientSettings(Duration.ofMillis(5), 2.0, 2, Duration.ofSeconds(10), 16);
        swift = new SwiftClient(new TempAuth(emulator.authUrl(), SwiftAccount.DEFAULT.user(),
                SwiftAccount.DEFAULT.key(), fast), fast);
        swift.createContainer(CONTAINER);
    }

    @AfterEach
    void stop() {
        deleter.shutdownNow();
        swift.close();
        emulator.close();
    }

    private CheckReport check() throws Exception {
        return new Icheck(new ContainerReader(swift, CONTAINER), 4).check(CONTAINER);
    }

    @Test
    void imgrCheckpointsOfAFormattedVolumeAreClean() throws Exception {
        FormattedVolume f = VolumeFormatter.format(4, 1024, 42);
        SwiftVolumeObjects objects = new SwiftVolumeObjects(swift, CONTAINER);
        objects.put(f.rootDirObjectNumber(), f.rootDirObject());
        objects.put(f.superBlockObjectNumber(), f.superBlockObject());
        objects.writeCheckPoint(f.checkPoint().marshal());
        Volume volume = Volume.open("testvol", objects, new VolumeSettings(10, 4, null), deleter);
        InodeTableEntryValueV1 root = volume.getInodeTableEntry(1).orElseThrow();
        volume.putInodeTableEntries(List.of(new PutInodeTableEntry(1, root.inodeHeadObjectNumber(),
                root.inodeHeadLength())), 0, 0, 0, List.of());
        volume.checkPoint();
        CheckReport r = check();
        assertTrue(r.clean(), r.problems().toString());
        deleter.shutdown();
        assertTrue(deleter.awaitTermination(10, TimeUnit.SECONDS));
        CheckReport after = check();
        assertTrue(after.clean(), after.problems().toString());
        assertEquals(List.of(), after.orphans());
        assertTrue(!names().contains(ObjectNames.nameOf(3)), "imgr deleted the old superblock object");
    }

    @Test
    void anInodeImgrReclaimedLeavesTheVolumeClean() throws Exception {
        VolumeBuilder b = new VolumeBuilder();
        long dir = b.mkdir(1, "d");
        b.file(dir, "f", new byte[100], new byte[50]);
        VolumeBuilder.Inode lost = b.unlinkedFile(new byte[300], new byte[20]);
        b.write(swift, CONTAINER);
        CheckReport before = check();
        assertEquals(1, before.problems().size(), before.problems().toString());
        assertEquals(ProblemKind.UNREACHABLE_INODE, before.problems().get(0).kind());

        SwiftVolumeObjects objects = new SwiftVolumeObjects(swift, CONTAINER);
        Volume volume = Volume.open("testvol", objects, new VolumeSettings(10, 4, null), deleter);
        InodeTableEntryValueV1 head = volume.removeInodeTableEntry(lost.number).orElseThrow();
        volume.reclaim(lost.number, head);
        volume.checkPoint();
        CheckReport r = check();
        assertTrue(r.clean(), r.problems().toString());
        deleter.shutdown();
        assertTrue(deleter.awaitTermination(10, TimeUnit.SECONDS));
        CheckReport after = check();
        assertTrue(after.clean(), after.problems().toString());
        assertEquals(List.of(), after.orphans());
        Set<String> names = names();
        assertTrue(!names.contains(ObjectNames.nameOf(lost.headObject))
                && !names.contains(ObjectNames.nameOf(lost.oldDataObject)), "imgr deleted the reclaimed inode's objects");
    }

    private Set<String> names() throws Exception {
        return swift.listAllObjects(CONTAINER).stream().map(ObjectInfo::name).collect(Collectors.toSet());
    }
}
