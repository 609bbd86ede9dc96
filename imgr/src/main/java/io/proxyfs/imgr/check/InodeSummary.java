package io.proxyfs.imgr.check;

import io.proxyfs.ilayout.InodeLinkTableEntry;
import io.proxyfs.ilayout.InodeType;
import java.util.List;
import java.util.Set;

/**
 * What the name-space and accounting checks need to know of one inode whose head decoded: its
 * type, where its head is, its link table, a directory's entries, and its layout's objects and
 * totals. Immutable (lists copied), so thread-safe.
 *
 * @param inodeNumber      the inode
 * @param type             its type
 * @param headObject       the object holding its head
 * @param linkTable        the directory entries its head says name it
 * @param entries          a directory's entries (empty for other inodes, or when its tree is broken)
 * @param entriesKnown     false when a directory's tree could not be read (its entries are unknown)
 * @param layoutObjects    the objects its layout lists
 * @param bytesWritten     the sum of its layout's BytesWritten
 * @param bytesReferenced  the sum of its layout's BytesReferenced
 */
record InodeSummary(long inodeNumber, InodeType type, long headObject, List<InodeLinkTableEntry> linkTable,
        List<DirEntry> entries, boolean entriesKnown, Set<Long> layoutObjects, long bytesWritten,
        long bytesReferenced) {

    /** One directory entry. */
    record DirEntry(String name, long inodeNumber, InodeType type) {
    }

    InodeSummary {
        linkTable = List.copyOf(linkTable);
        entries = List.copyOf(entries);
        layoutObjects = Set.copyOf(layoutObjects);
    }
}
