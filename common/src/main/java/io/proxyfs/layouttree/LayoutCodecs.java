package io.proxyfs.layouttree;

import io.proxyfs.ilayout.DirectoryEntryValueV1;
import io.proxyfs.ilayout.ExtentMapEntryValueV1;
import io.proxyfs.ilayout.InodeTableEntryValueV1;
import io.proxyfs.sortedmap.KeyCodec;
import io.proxyfs.sortedmap.StringKeyCodec;
import io.proxyfs.sortedmap.U64KeyCodec;
import io.proxyfs.sortedmap.ValueCodec;

/**
 * The key and value codecs of a volume's three kinds of B+tree, as the original packs them.
 * Stateless; the codecs are immutable and thread-safe.
 */
public final class LayoutCodecs {
    /** Inode table and extent-map keys: u64 little-endian, compared unsigned. */
    public static final KeyCodec<Long> U64_KEYS = U64KeyCodec.INSTANCE;
    /** Directory keys: length-prefixed UTF-8 names, compared bytewise. */
    public static final KeyCodec<String> NAME_KEYS = StringKeyCodec.INSTANCE;
    /** Inode-table values. */
    public static final ValueCodec<InodeTableEntryValueV1> INODE_TABLE_VALUES = new LayoutValueCodec<>(
            "InodeTableEntryValueV1", InodeTableEntryValueV1.SIZE, InodeTableEntryValueV1::marshal,
            InodeTableEntryValueV1::unmarshal);
    /** Directory values. */
    public static final ValueCodec<DirectoryEntryValueV1> DIRECTORY_VALUES = new LayoutValueCodec<>(
            "DirectoryEntryValueV1", DirectoryEntryValueV1.SIZE, DirectoryEntryValueV1::marshal,
            DirectoryEntryValueV1::unmarshal);
    /** Extent-map values. */
    public static final ValueCodec<ExtentMapEntryValueV1> EXTENT_MAP_VALUES = new LayoutValueCodec<>(
            "ExtentMapEntryValueV1", ExtentMapEntryValueV1.SIZE, ExtentMapEntryValueV1::marshal,
            ExtentMapEntryValueV1::unmarshal);

    private LayoutCodecs() {
    }
}
