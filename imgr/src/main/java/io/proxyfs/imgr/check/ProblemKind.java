package io.proxyfs.imgr.check;

/**
 * What kind of inconsistency a {@link Problem} is, with the short code used in reports. Only
 * {@link #CRASH_ORPHAN} is not corruption: an object a crash left behind, which a clean volume may
 * hold. Thread-safe: an enum.
 */
public enum ProblemKind {
    /** The checkpoint (object 0) is missing or does not parse. */
    BAD_CHECKPOINT("bad-checkpoint"),
    /** The superblock cannot be read or decoded. */
    BAD_SUPERBLOCK("bad-superblock"),
    /** A B+tree (inode table, directory, extent map) has a node that cannot be read or decoded, or a broken structure. */
    BAD_TREE("bad-tree"),
    /** An inode head cannot be read or decoded, or holds values the format forbids. */
    BAD_INODE_HEAD("bad-inode-head"),
    /** A directory entry names an inode the inode table does not hold, or with the wrong type. */
    BAD_DIRECTORY_ENTRY("bad-directory-entry"),
    /** A directory breaks the "." / ".." rules, or has no or several parents. */
    BAD_DIRECTORY("bad-directory"),
    /** An inode's link table differs from the directory entries naming it. */
    WRONG_LINK_COUNT("wrong-link-count"),
    /** An inode in the inode table that no directory path from the root reaches. */
    UNREACHABLE_INODE("unreachable-inode"),
    /** An extent that overlaps another, is empty, or lies past the file's size. */
    BAD_EXTENT("bad-extent"),
    /** An extent, B+tree node or head that runs past the end of its object. */
    BEYOND_OBJECT_END("beyond-object-end"),
    /** Per-object or superblock byte accounting that differs from what is referenced. */
    BAD_ACCOUNTING("bad-accounting"),
    /** An object that something references but the container does not hold. */
    MISSING_OBJECT("missing-object"),
    /** An object present that nothing references and no crash explains. */
    LEAKED_OBJECT("leaked-object"),
    /** A referenced object that the superblock lists for deletion. */
    REFERENCED_PENDING_DELETE("referenced-pending-delete"),
    /** An object whose name is not an object number. */
    FOREIGN_OBJECT("foreign-object"),
    /** An object that could not be read for another reason than its absence (the check is incomplete). */
    READ_FAILED("read-failed"),
    /** The checkpoint changed while the check ran: something (imgr) is writing the volume, so findings may be wrong. */
    CHANGED_DURING_CHECK("changed-during-check"),
    /**
     * An unreferenced object a crash explains: listed as pending delete, written after the
     * superblock's object, or numbered above ReservedToNonce.
     */
    CRASH_ORPHAN("crash-orphan");

    private final String code;

    ProblemKind(String code) {
        this.code = code;
    }

    /** The short code shown in reports, e.g. {@code missing-object}. */
    public String code() {
        return code;
    }

    /** Whether this kind makes the volume inconsistent (everything but crash orphans). */
    public boolean isCorruption() {
        return this != CRASH_ORPHAN;
    }
}
