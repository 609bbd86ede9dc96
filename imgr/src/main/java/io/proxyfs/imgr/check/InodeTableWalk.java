package io.proxyfs.imgr.check;

import io.proxyfs.ilayout.InodeTableEntryValueV1;
import io.proxyfs.ilayout.SuperBlockV1;
import io.proxyfs.layouttree.LayoutCodecs;
import io.proxyfs.sortedmap.NodeLocation;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Walks the inode table named by the superblock: validates its B+tree, hands each (inode number,
 * entry) to a consumer in inode order, and compares the superblock's inode-table layout with the
 * node bytes the tree references. Not thread-safe: one walk per instance.
 */
final class InodeTableWalk {
    private final ContainerReader reader;
    private final ObjectUsage usage;
    private final Consumer<Problem> problems;
    private final long validateLimit;

    /** @param validateLimit trees up to this many items are validated whole (see {@link TreeCheck}) */
    InodeTableWalk(ContainerReader reader, ObjectUsage usage, Consumer<Problem> problems, long validateLimit) {
        this.reader = reader;
        this.usage = usage;
        this.problems = problems;
        this.validateLimit = validateLimit;
    }

    /** Walks it; false when the tree is broken (reported), so that inodes may be missing. */
    boolean walk(SuperBlockV1 superBlock, BiConsumer<Long, InodeTableEntryValueV1> inodes) {
        NodeLocation root = new NodeLocation(superBlock.inodeTableRootObjectNumber(),
                superBlock.inodeTableRootObjectOffset(), superBlock.inodeTableRootObjectLength());
        if (root.objectLength() == 0) {
            problems.accept(Problem.ofObject(ProblemKind.BAD_SUPERBLOCK, root.objectNumber(),
                    "the superblock's inode-table root " + root + " has no length"));
            return false;
        }
        Map<Long, Long> nodes = new TreeCheck<>("inode table", Problem.NONE,
                new TreeNodes(reader, usage, Problem.NONE, "inode table"), LayoutCodecs.U64_KEYS,
                LayoutCodecs.INODE_TABLE_VALUES, problems, validateLimit).walk(root, inodes);
        if (nodes == null) {
            return false;
        }
        for (var e : superBlock.inodeTableLayout()) {
            usage.reference(e.objectNumber(), 0, 0, Problem.NONE, "inode-table layout entry");
        }
        LayoutAccounting.compare(superBlock.inodeTableLayout(), nodes, Problem.NONE, "superblock's inode-table layout",
                problems);
        return true;
    }
}
