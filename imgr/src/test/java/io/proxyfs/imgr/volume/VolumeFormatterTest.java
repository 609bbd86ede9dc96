package io.proxyfs.imgr.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proxyfs.ilayout.DirectoryEntryValueV1;
import io.proxyfs.ilayout.InodeHeadV1;
import io.proxyfs.ilayout.InodeLinkTableEntry;
import io.proxyfs.ilayout.InodeTableEntryValueV1;
import io.proxyfs.ilayout.InodeType;
import io.proxyfs.ilayout.LayoutEntryV1;
import io.proxyfs.ilayout.SuperBlockV1;
import io.proxyfs.layouttree.LayoutCodecs;
import io.proxyfs.sortedmap.BPlusTree;
import io.proxyfs.sortedmap.BPlusTreeCallbacks;
import io.proxyfs.sortedmap.NodeLocation;
import io.proxyfs.sortedmap.ObjectPosition;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The formatted volume is the original's, byte for byte where the original's bytes do not depend
 * on the time: object 3 (inode-table node + superblock) and the checkpoint text were verified by
 * running the original's format code (proxyfs2.md, Part A section 4).
 */
class VolumeFormatterTest {
    private static final long NOW = 1_700_000_000_123_456_789L;

    /** Object 3 as the original writes it with InodeTableMaxInodesPerBPlusTreePage 2048. */
    private static final String ORIGINAL_OBJECT_3 = ""
            + "0100000000000000" + "01" + "01" + "0008000000000000" + "0100000000000000"
            + "0100000000000000" + "0100000000000000" + "0200000000000000" + "ae00000000000000"
            + "0300000000000000" + "0000000000000000" + "3a00000000000000" + "0100000000000000"
            + "0300000000000000" + "3a00000000000000" + "3a00000000000000" + "0100000000000000"
            + "3f00000000000000" + "3f00000000000000" + "0000000000000000" + "42530100" + "58000000";

    private final FormattedVolume volume = VolumeFormatter.format(2048, 1024, NOW);

    @Test
    void superBlockObjectIsTheOriginalsByteForByte() {
        assertEquals(3, volume.superBlockObjectNumber());
        assertEquals(ORIGINAL_OBJECT_3, HexFormat.of().formatHex(volume.superBlockObject()));
    }

    @Test
    void checkPointTextIsTheOriginals() {
        assertEquals("0000000000000001 0000000000000003 0000000000000060 0000000000000003",
                volume.checkPoint().toText());
    }

    @Test
    void rootDirectoryObjectHasTheOriginalsShape() throws Exception {
        byte[] object2 = volume.rootDirObject();
        assertEquals(2, volume.rootDirObjectNumber());
        assertEquals(63 + 174, object2.length);
        assertEquals("48490100a6000000", HexFormat.of().formatHex(object2, object2.length - 8, object2.length));
        InodeHeadV1 root = InodeHeadV1.unmarshal(Arrays.copyOfRange(object2, 63, object2.length));
        assertEquals(1, root.inodeNumber());
        assertEquals(InodeType.DIR, root.inodeType());
        assertEquals(List.of(new InodeLinkTableEntry(1, "."), new InodeLinkTableEntry(1, "..")), root.linkTable());
        assertEquals(0755, root.mode());
        assertEquals(NOW, root.modificationTimeNanos());
        assertEquals(NOW, root.statusChangeTimeNanos());
        assertEquals(List.of(2L, 0L, 63L),
                List.of(root.payloadObjectNumber(), root.payloadObjectOffset(), root.payloadObjectLength()));
        assertEquals(List.of(new LayoutEntryV1(2, 63, 63)), root.layout());
    }

    @Test
    void treesReadBackFromTheFormattedObjects() throws Exception {
        byte[] object2 = volume.rootDirObject();
        byte[] object3 = volume.superBlockObject();
        SuperBlockV1 superBlock = SuperBlockV1.unmarshal(Arrays.copyOfRange(object3,
                object3.length - (int) volume.checkPoint().superBlockLength(), object3.length));
        assertEquals(1, superBlock.inodeObjectCount());
        assertEquals(63, superBlock.inodeBytesWritten());
        assertEquals(63, superBlock.inodeBytesReferenced());

        BPlusTree<Long, InodeTableEntryValueV1> inodeTable = BPlusTree.open(
                new NodeLocation(superBlock.inodeTableRootObjectNumber(), superBlock.inodeTableRootObjectOffset(),
                        superBlock.inodeTableRootObjectLength()),
                LayoutCodecs.U64_KEYS, LayoutCodecs.INODE_TABLE_VALUES, reader(3, object3), null);
        assertEquals(new InodeTableEntryValueV1(2, 174), inodeTable.get(1L));
        assertEquals(2048, inodeTable.maxKeysPerNode());

        BPlusTree<String, DirectoryEntryValueV1> rootDir = BPlusTree.open(new NodeLocation(2, 0, 63),
                LayoutCodecs.NAME_KEYS, LayoutCodecs.DIRECTORY_VALUES, reader(2, object2), null);
        assertEquals(2, rootDir.size());
        assertEquals(new DirectoryEntryValueV1(1, InodeType.DIR), rootDir.get("."));
        assertEquals(new DirectoryEntryValueV1(1, InodeType.DIR), rootDir.get(".."));
        assertEquals(1024, rootDir.maxKeysPerNode());
    }

    @Test
    void formatIsDeterministicForAGivenTime() {
        FormattedVolume again = VolumeFormatter.format(2048, 1024, NOW);
        assertArrayEquals(volume.rootDirObject(), again.rootDirObject());
        assertArrayEquals(volume.superBlockObject(), again.superBlockObject());
    }

    private static BPlusTreeCallbacks reader(long objectNumber, byte[] object) {
        return new BPlusTreeCallbacks() {
            @Override
            public byte[] getNode(long number, long offset, long length) {
                assertEquals(objectNumber, number);
                return Arrays.copyOfRange(object, (int) offset, (int) (offset + length));
            }

            @Override
            public ObjectPosition putNode(byte[] node) {
                throw new AssertionError("read-only");
            }

            @Override
            public void discardNode(long number, long offset, long length) {
                throw new AssertionError("read-only");
            }
        };
    }
}
