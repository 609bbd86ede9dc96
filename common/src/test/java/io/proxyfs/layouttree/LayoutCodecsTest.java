package io.proxyfs.layouttree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.ilayout.DirectoryEntryValueV1;
import io.proxyfs.ilayout.ExtentMapEntryValueV1;
import io.proxyfs.ilayout.InodeTableEntryValueV1;
import io.proxyfs.ilayout.InodeType;
import io.proxyfs.sortedmap.BPlusTreeException;
import io.proxyfs.sortedmap.ByteReader;
import io.proxyfs.sortedmap.ByteWriter;
import io.proxyfs.sortedmap.ObjectPosition;
import io.proxyfs.sortedmap.ValueCodec;
import org.junit.jupiter.api.Test;

class LayoutCodecsTest {
    private static <V> V roundTrip(ValueCodec<V> codec, V value, int size) {
        ByteWriter out = new ByteWriter(64);
        codec.pack(value, out);
        byte[] bytes = out.toByteArray();
        assertEquals(size, bytes.length);
        ByteReader in = new ByteReader(bytes);
        V back = codec.unpack(in);
        assertEquals(0, in.remaining());
        return back;
    }

    @Test
    void valuesRoundTripAtTheirFixedSizes() {
        InodeTableEntryValueV1 entry = new InodeTableEntryValueV1(-2L, 174);
        assertEquals(entry, roundTrip(LayoutCodecs.INODE_TABLE_VALUES, entry, 24));
        DirectoryEntryValueV1 dirent = new DirectoryEntryValueV1(77, InodeType.SYMLINK);
        assertEquals(dirent, roundTrip(LayoutCodecs.DIRECTORY_VALUES, dirent, 9));
        ExtentMapEntryValueV1 extent = new ExtentMapEntryValueV1(4096, 9, 8192);
        assertEquals(extent, roundTrip(LayoutCodecs.EXTENT_MAP_VALUES, extent, 24));
    }

    @Test
    void corruptValueIsABPlusTreeExceptionNamingTheRecord() {
        byte[] badType = new DirectoryEntryValueV1(5, InodeType.FILE).marshal();
        badType[8] = 7;
        BPlusTreeException e = assertThrows(BPlusTreeException.class,
                () -> LayoutCodecs.DIRECTORY_VALUES.unpack(new ByteReader(badType)));
        assertTrue(e.getMessage().contains("DirectoryEntryValueV1"), e.getMessage());
        byte[] badVersion = new InodeTableEntryValueV1(1, 2).marshal();
        badVersion[0] = 2;
        assertThrows(BPlusTreeException.class,
                () -> LayoutCodecs.INODE_TABLE_VALUES.unpack(new ByteReader(badVersion)));
    }

    @Test
    void objectBuilderAppendsAtIncreasingOffsets() {
        ObjectBuilder object = new ObjectBuilder(9);
        assertEquals(new ObjectPosition(9, 0), object.nodeSink().putNode(new byte[5]));
        assertEquals(new ObjectPosition(9, 5), object.append(new byte[3]));
        assertEquals(8, object.size());
        assertThrows(IllegalStateException.class, () -> object.nodeSink().getNode(9, 0, 5));
    }
}
