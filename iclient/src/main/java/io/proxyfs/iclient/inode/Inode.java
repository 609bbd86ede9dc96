package io.proxyfs.iclient.inode;

import io.proxyfs.ilayout.DirectoryEntryValueV1;
import io.proxyfs.ilayout.ExtentMapEntryValueV1;
import io.proxyfs.ilayout.InodeHeadV1;
import io.proxyfs.ilayout.InodeLinkTableEntry;
import io.proxyfs.ilayout.InodeStreamTableEntry;
import io.proxyfs.ilayout.InodeType;
import io.proxyfs.ilayout.LayoutEntryV1;
import io.proxyfs.sortedmap.BPlusTree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * One inode as this client holds it while it has a lease: the fields of its head (mutable), its
 * directory or extent-map B+tree (opened on first use), its space accounting, and the object it
 * is writing next. Built from an {@link InodeHeadV1} read from Swift, or new; turned back into a
 * head by {@link #toHead}. Not thread-safe: used under the file-system lock.
 */
final class Inode {
    final long number;
    final InodeType type;
    final List<InodeLinkTableEntry> links;
    long size;
    long mtimeNanos;
    long ctimeNanos;
    int mode;
    long uid;
    long gid;
    /** Streams by name, sorted (the format keeps a list; we write it sorted). */
    final TreeMap<String, byte[]> streams = new TreeMap<>();
    String symLinkTarget;
    long payloadObjectNumber;
    long payloadObjectOffset;
    long payloadObjectLength;
    final InodeLayout layout;

    /** Where the head imgr knows is (0 for an inode never written). */
    long headObjectNumber;
    long headLength;

    BPlusTree<String, DirectoryEntryValueV1> directory;
    BPlusTree<Long, ExtentMapEntryValueV1> extents;
    PutBuffer put;
    /** Objects built by a write-back whose PUT or table update failed: PUT again first. */
    final List<PutBuffer> unsent = new ArrayList<>();
    /**
     * Objects {@link Flusher#sendAhead sent ahead} that no write-back has yet told imgr about: if
     * the inode goes away unlinked before one does, the flusher deletes them.
     */
    final List<Long> sentAhead = new ArrayList<>();

    boolean dirty;
    /** Told when this inode turns dirty (set by the cache that holds it), or null. */
    java.util.function.Consumer<Inode> dirtyWatcher;
    /** Counts changes, so a write-back done without the lock knows whether more came meanwhile. */
    long changes;
    /** File data bytes in {@link #put}, not yet written back. */
    long bufferedData;
    long dirtySinceNanos;
    /** Handles open on this client. */
    int opens;
    /** Removed from every directory (DeleteInodeTableEntry sent). */
    boolean unlinked;

    private Inode(long number, InodeType type, List<InodeLinkTableEntry> links, List<LayoutEntryV1> layout) {
        this.number = number;
        this.type = type;
        this.links = new ArrayList<>(links);
        this.layout = new InodeLayout(layout);
    }

    /** The inode a head describes, found at {@code headObject}. */
    static Inode fromHead(InodeHeadV1 head, long headObject, long headLength) {
        Inode i = new Inode(head.inodeNumber(), head.inodeType(), head.linkTable(), head.layout());
        i.size = head.size();
        i.mtimeNanos = head.modificationTimeNanos();
        i.ctimeNanos = head.statusChangeTimeNanos();
        i.mode = head.mode();
        i.uid = head.userId();
        i.gid = head.groupId();
        for (InodeStreamTableEntry s : head.streamTable()) {
            i.streams.put(s.name(), s.value());
        }
        i.symLinkTarget = head.symLinkTarget();
        i.payloadObjectNumber = head.payloadObjectNumber();
        i.payloadObjectOffset = head.payloadObjectOffset();
        i.payloadObjectLength = head.payloadObjectLength();
        i.headObjectNumber = headObject;
        i.headLength = headLength;
        return i;
    }

    /** A new inode, dirty, not yet known to imgr. */
    static Inode create(long number, InodeType type, int mode, long uid, long gid, long nowNanos) {
        Inode i = new Inode(number, type, List.of(), List.of());
        i.mode = mode;
        i.uid = uid;
        i.gid = gid;
        i.mtimeNanos = nowNanos;
        i.ctimeNanos = nowNanos;
        i.symLinkTarget = "";
        i.markDirty(nowNanos);
        return i;
    }

    void markDirty(long nowNanos) {
        changes++;
        if (!dirty) {
            dirty = true;
            dirtySinceNanos = System.nanoTime();
            if (dirtyWatcher != null) {
                dirtyWatcher.accept(this);
            }
        }
    }

    /** The head describing this inode now, with {@code layoutEntries} as its layout. */
    InodeHeadV1 toHead(List<LayoutEntryV1> layoutEntries) {
        List<InodeLinkTableEntry> sortedLinks = new ArrayList<>(links);
        sortedLinks.sort(Comparator.comparingLong(InodeLinkTableEntry::parentDirInodeNumber)
                .thenComparing(InodeLinkTableEntry::parentDirEntryName));
        List<InodeStreamTableEntry> s = new ArrayList<>();
        streams.forEach((k, v) -> s.add(new InodeStreamTableEntry(k, v)));
        return new InodeHeadV1(number, type, sortedLinks, size, mtimeNanos, ctimeNanos, mode, uid, gid, s,
                payloadObjectNumber, payloadObjectOffset, payloadObjectLength, symLinkTarget, layoutEntries);
    }

    /** The objects to PUT at the next write-back. */
    List<PutBuffer> unsentObjects() {
        return unsent;
    }

    /** The number of links (directory entries, and for a directory its "." and its subdirectories' ".."). */
    int nlink() {
        return links.size();
    }

    boolean isDir() {
        return type == InodeType.DIR;
    }

    boolean isFile() {
        return type == InodeType.FILE;
    }

    boolean isSymlink() {
        return type == InodeType.SYMLINK;
    }
}
