package io.proxyfs.ilayout;

import java.util.Objects;

/**
 * One entry of {@link InodeHeadV1#linkTable()}: a directory entry that refers to the inode.
 * Encoded as ParentDirInodeNumber u64, then ParentDirEntryName as a u64 length and UTF-8 bytes.
 * Immutable, so thread-safe.
 *
 * @param parentDirInodeNumber the directory holding the entry
 * @param parentDirEntryName   the entry's name in that directory
 */
public record InodeLinkTableEntry(long parentDirInodeNumber, String parentDirEntryName) {
    /** The fewest bytes an entry occupies (an empty name). */
    static final int MIN_SIZE = 16;

    /** Refuses a null name. */
    public InodeLinkTableEntry {
        Objects.requireNonNull(parentDirEntryName, "parentDirEntryName");
    }

    void writeTo(LayoutWriter writer) {
        writer.u64(parentDirInodeNumber).string(parentDirEntryName);
    }

    static InodeLinkTableEntry readFrom(LayoutReader reader, String field) throws LayoutException {
        long parent = reader.u64(field + ".ParentDirInodeNumber");
        return new InodeLinkTableEntry(parent, reader.string(field + ".ParentDirEntryName"));
    }
}
