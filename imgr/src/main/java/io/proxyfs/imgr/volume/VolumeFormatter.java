package io.proxyfs.imgr.volume;

import io.proxyfs.ilayout.CheckPointV1;
import io.proxyfs.ilayout.DirectoryEntryValueV1;
import io.proxyfs.ilayout.InodeHeadV1;
import io.proxyfs.ilayout.InodeLinkTableEntry;
import io.proxyfs.ilayout.InodeTableEntryValueV1;
import io.proxyfs.ilayout.InodeType;
import io.proxyfs.ilayout.LayoutConstants;
import io.proxyfs.ilayout.LayoutEntryV1;
import io.proxyfs.ilayout.SuperBlockV1;
import io.proxyfs.layouttree.LayoutCodecs;
import io.proxyfs.layouttree.ObjectBuilder;
import io.proxyfs.sortedmap.BPlusTree;
import io.proxyfs.sortedmap.NodeLocation;
import java.util.List;

/**
 * Builds the objects of an empty volume exactly as the original's format does
 * ({@code imgr/imgrpkg/volume.go}): object 2 holds the root directory's B+tree ("." and ".."
 * both naming inode 1) followed by inode 1's head; object 3 holds the inode table ({1 -> object 2})
 * followed by the superblock; the checkpoint names object 3's superblock and reserves nonces up
 * to 3. Only the root directory's mode differs: 0755 here (see PORTING.md). Stateless.
 */
public final class VolumeFormatter {
    /** The object holding the root directory in a freshly formatted volume. */
    public static final long ROOT_DIR_OBJECT_NUMBER = 2;
    /** The object holding the inode table and superblock in a freshly formatted volume. */
    public static final long SUPER_BLOCK_OBJECT_NUMBER = 3;
    /** The root directory's permission bits. */
    public static final int ROOT_DIR_MODE = 0755;

    private VolumeFormatter() {
    }

    /**
     * The objects of an empty volume.
     *
     * @param inodeTableMaxKeysPerNode {@code [IMGR]InodeTableMaxInodesPerBPlusTreePage}
     * @param rootDirMaxKeysPerNode {@code [IMGR]RootDirMaxDirEntriesPerBPlusTreePage}
     * @param nowNanos the root directory's modification and status-change time
     */
    public static FormattedVolume format(int inodeTableMaxKeysPerNode, int rootDirMaxKeysPerNode, long nowNanos) {
        long root = LayoutConstants.ROOT_DIR_INODE_NUMBER;

        ObjectBuilder rootDirObject = new ObjectBuilder(ROOT_DIR_OBJECT_NUMBER);
        BPlusTree<String, DirectoryEntryValueV1> rootDir = BPlusTree.create(rootDirMaxKeysPerNode,
                LayoutCodecs.NAME_KEYS, LayoutCodecs.DIRECTORY_VALUES, rootDirObject.nodeSink(), null);
        rootDir.put(".", new DirectoryEntryValueV1(root, InodeType.DIR));
        rootDir.put("..", new DirectoryEntryValueV1(root, InodeType.DIR));
        NodeLocation rootDirRoot = rootDir.flush(false);
        long rootDirBytes = rootDirObject.size();
        InodeHeadV1 rootInode = new InodeHeadV1(root, InodeType.DIR,
                List.of(new InodeLinkTableEntry(root, "."), new InodeLinkTableEntry(root, "..")),
                0, nowNanos, nowNanos, ROOT_DIR_MODE, 0, 0, List.of(),
                rootDirRoot.objectNumber(), rootDirRoot.objectOffset(), rootDirRoot.objectLength(), "",
                List.of(new LayoutEntryV1(ROOT_DIR_OBJECT_NUMBER, rootDirBytes, rootDirBytes)));
        byte[] rootInodeBytes = rootInode.marshal();
        rootDirObject.append(rootInodeBytes);

        ObjectBuilder superBlockObject = new ObjectBuilder(SUPER_BLOCK_OBJECT_NUMBER);
        BPlusTree<Long, InodeTableEntryValueV1> inodeTable = BPlusTree.create(inodeTableMaxKeysPerNode,
                LayoutCodecs.U64_KEYS, LayoutCodecs.INODE_TABLE_VALUES, superBlockObject.nodeSink(), null);
        inodeTable.put(root, new InodeTableEntryValueV1(ROOT_DIR_OBJECT_NUMBER, rootInodeBytes.length));
        NodeLocation inodeTableRoot = inodeTable.flush(false);
        long inodeTableBytes = superBlockObject.size();
        SuperBlockV1 superBlock = new SuperBlockV1(inodeTableRoot.objectNumber(), inodeTableRoot.objectOffset(),
                inodeTableRoot.objectLength(),
                List.of(new LayoutEntryV1(SUPER_BLOCK_OBJECT_NUMBER, inodeTableBytes, inodeTableBytes)),
                1, rootDirBytes, rootDirBytes, List.of());
        byte[] superBlockBytes = superBlock.marshal();
        superBlockObject.append(superBlockBytes);

        CheckPointV1 checkPoint = new CheckPointV1(SUPER_BLOCK_OBJECT_NUMBER, superBlockBytes.length,
                SUPER_BLOCK_OBJECT_NUMBER);
        return new FormattedVolume(ROOT_DIR_OBJECT_NUMBER, rootDirObject.toByteArray(), SUPER_BLOCK_OBJECT_NUMBER,
                superBlockObject.toByteArray(), checkPoint);
    }
}
