package io.proxyfs.imgr.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.ilayout.DirectoryEntryValueV1;
import io.proxyfs.ilayout.ExtentMapEntryValueV1;
import io.proxyfs.ilayout.InodeHeadV1;
import io.proxyfs.ilayout.InodeLinkTableEntry;
import io.proxyfs.ilayout.InodeTableEntryValueV1;
import io.proxyfs.ilayout.InodeType;
import io.proxyfs.ilayout.LayoutEntryV1;
import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.imgr.volume.FormattedVolume;
import io.proxyfs.imgr.volume.NonceRange;
import io.proxyfs.imgr.volume.SwiftVolumeObjects;
import io.proxyfs.imgr.volume.Volume;
import io.proxyfs.imgr.volume.VolumeFormatter;
import io.proxyfs.imgr.volume.VolumeSettings;
import io.proxyfs.imgrapi.PutInodeTableEntry;
import io.proxyfs.iswift.SwiftAccount;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.layouttree.LayoutCodecs;
import io.proxyfs.layouttree.ObjectBuilder;
import io.proxyfs.sortedmap.BPlusTree;
import io.proxyfs.sortedmap.NodeLocation;
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

    /**
     * The contract iclient follows (proxyfs2.md Part C §6), played by hand: creating file "f" in the
     * root is one flush writing the file's object (data, extent-map node, head) and the root's new
     * object (directory node, head), then PutInodeTableEntries with the superblock adjustments
     * (+2 objects, -1 for the root's old object, whose bytes are all dereferenced, and the bytes
     * written and referenced) and the dereferenced object; after imgr's checkpoint the volume is
     * clean, and once imgr deleted the old object, without orphans.
     */
    @Test
    void aFlushDoneAsIclientDoesItChecksClean() throws Exception {
        FormattedVolume f = VolumeFormatter.format(4, 1024, 42);
        SwiftVolumeObjects objects = new SwiftVolumeObjects(swift, CONTAINER);
        objects.put(f.rootDirObjectNumber(), f.rootDirObject());
        objects.put(f.superBlockObjectNumber(), f.superBlockObject());
        objects.writeCheckPoint(f.checkPoint().marshal());
        Volume volume = Volume.open("testvol", objects, new VolumeSettings(10, 4, null), deleter);
        NonceRange range = volume.fetchNonceRange(3);
        long inode = range.next();
        long fileObject = inode + 1;
        long rootObject = inode + 2;

        ObjectBuilder file = new ObjectBuilder(fileObject);
        long dataAt = file.append(new byte[100]).objectOffset();
        BPlusTree<Long, ExtentMapEntryValueV1> map =
                BPlusTree.create(2048, LayoutCodecs.U64_KEYS,
                        LayoutCodecs.EXTENT_MAP_VALUES, file.nodeSink(), null);
        map.put(0L, new ExtentMapEntryValueV1(100, fileObject, dataAt));
        NodeLocation mapRoot = map.flush(false);
        long fileBytes = file.size();
        byte[] fileHead = new InodeHeadV1(inode, InodeType.FILE,
                List.of(new InodeLinkTableEntry(1, "f")), 100, 7, 7, 0644, 0, 0, List.of(),
                mapRoot.objectNumber(), mapRoot.objectOffset(), mapRoot.objectLength(), "",
                List.of(new LayoutEntryV1(fileObject, fileBytes, fileBytes))).marshal();
        file.append(fileHead);
        objects.put(fileObject, file.toByteArray());

        ObjectBuilder root = new ObjectBuilder(rootObject);
        BPlusTree<String, DirectoryEntryValueV1> dir =
                BPlusTree.create(1024, LayoutCodecs.NAME_KEYS,
                        LayoutCodecs.DIRECTORY_VALUES, root.nodeSink(), null);
        dir.put(".", new DirectoryEntryValueV1(1, InodeType.DIR));
        dir.put("..", new DirectoryEntryValueV1(1, InodeType.DIR));
        dir.put("f", new DirectoryEntryValueV1(inode, InodeType.FILE));
        NodeLocation dirRoot = dir.flush(false);
        long rootBytes = root.size();
        byte[] rootHead = new InodeHeadV1(1, InodeType.DIR,
                List.of(new InodeLinkTableEntry(1, "."),
                        new InodeLinkTableEntry(1, "..")), 0, 7, 7, 0755, 0, 0, List.of(),
                dirRoot.objectNumber(), dirRoot.objectOffset(), dirRoot.objectLength(), "",
                List.of(new LayoutEntryV1(rootObject, rootBytes, rootBytes))).marshal();
        root.append(rootHead);
        objects.put(rootObject, root.toByteArray());

        InodeHeadV1 oldRoot = InodeHeadV1.unmarshal(objects.getTail(
                f.rootDirObjectNumber(), volume.getInodeTableEntry(1).orElseThrow().inodeHeadLength()));
        long oldBytes = oldRoot.layout().get(0).bytesWritten();
        volume.putInodeTableEntries(List.of(new PutInodeTableEntry(inode, fileObject, fileHead.length),
                new PutInodeTableEntry(1, rootObject, rootHead.length)), 2 - 1,
                fileBytes + rootBytes - oldBytes, fileBytes + rootBytes - oldBytes, List.of(f.rootDirObjectNumber()));
        volume.checkPoint();
        CheckReport r = check();
        assertTrue(r.clean(), r.problems().toString());
        assertEquals(2, r.inodes());
        deleter.shutdown();
        assertTrue(deleter.awaitTermination(10, TimeUnit.SECONDS));
        CheckReport after = check();
        assertTrue(after.clean(), after.problems().toString());
        assertEquals(List.of(), after.orphans());
    }

    private Set<String> names() throws Exception {
        return swift.listAllObjects(CONTAINER).stream().map(ObjectInfo::name).collect(Collectors.toSet());
    }
}
