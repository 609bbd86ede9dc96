package io.proxyfs.imgr.check;

import io.proxyfs.ilayout.DirectoryEntryValueV1;
import io.proxyfs.ilayout.ExtentMapEntryValueV1;
import io.proxyfs.ilayout.InodeHeadV1;
import io.proxyfs.ilayout.InodeTableEntryValueV1;
import io.proxyfs.ilayout.InodeType;
import io.proxyfs.ilayout.LayoutEntryV1;
import io.proxyfs.ilayout.LayoutException;
import io.proxyfs.ilayout.ObjectTrailer;
import io.proxyfs.layouttree.LayoutCodecs;
import io.proxyfs.sortedmap.NodeLocation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks one inode: reads and decodes its head from the tail of its object, checks that the head
 * names the right inode and holds what its type allows, walks its directory or extent-map
 * B+tree (entries; extents non-empty, non-overlapping and within the file's size), and compares
 * its layout with the bytes its tree nodes and extents reference. Records every reference in
 * {@link ObjectUsage}. Thread-safe: stateless apart from the thread-safe collaborators, so one
 * instance serves every worker thread.
 */
final class InodeVerifier {
    /** The permission bits (and setuid/setgid/sticky) a mode may hold. */
    private static final int MODE_BITS = 07777;
    /** The longest inode head read (a trailer's length is a u32, but 256 MiB of head is already absurd). */
    private static final long MAX_HEAD_LENGTH = 256L << 20;

    private final ContainerReader reader;
    private final ObjectUsage usage;
    private final Consumer<Problem> problems;
    private final long validateLimit;

    /** @param validateLimit trees up to this many items are validated whole (see {@link TreeCheck}) */
    InodeVerifier(ContainerReader reader, ObjectUsage usage, Consumer<Problem> problems, long validateLimit) {
        this.reader = reader;
        this.usage = usage;
        this.problems = problems;
        this.validateLimit = validateLimit;
    }

    /** Checks inode {@code inode} whose inode-table entry is {@code entry}; null when its head is unusable. */
    InodeSummary verify(long inode, InodeTableEntryValueV1 entry) {
        long headObject = entry.inodeHeadObjectNumber();
        long headLength = entry.inodeHeadLength();
        usage.reference(headObject, 0, headLength, inode, "inode head (" + headLength + " bytes at the object's end)");
        InodeHeadV1 head = readHead(inode, headObject, headLength);
        if (head == null) {
            return null;
        }
        if (head.inodeNumber() != inode) {
            problem(ProblemKind.BAD_INODE_HEAD, inode, headObject, "the inode head names inode "
                    + Long.toUnsignedString(head.inodeNumber()) + ", not the inode the inode table files it under");
        }
        if ((head.mode() & ~MODE_BITS) != 0) {
            problem(ProblemKind.BAD_INODE_HEAD, inode, headObject, String.format(
                    "mode %o has bits outside %o", head.mode(), MODE_BITS));
        }
        Map<Long, Long> referenced = new HashMap<>();
        List<InodeSummary.DirEntry> entries = new ArrayList<>();
        boolean entriesKnown = true;
        NodeLocation root = new NodeLocation(head.payloadObjectNumber(), head.payloadObjectOffset(),
                head.payloadObjectLength());
        switch (head.inodeType()) {
            case SYMLINK -> {
                if (head.payloadObjectLength() != 0 || head.payloadObjectNumber() != 0) {
                    problem(ProblemKind.BAD_INODE_HEAD, inode, headObject, "a symbolic link has a payload " + root);
                }
                if (head.symLinkTarget().isEmpty()) {
                    problem(ProblemKind.BAD_INODE_HEAD, inode, headObject, "a symbolic link has an empty target");
                }
            }
            case DIR -> {
                if (head.payloadObjectLength() == 0) {
                    problem(ProblemKind.BAD_INODE_HEAD, inode, headObject, "a directory has no B+tree (payload "
                            + root + ")");
                    entriesKnown = false;
                } else {
                    Map<Long, Long> nodes = new TreeCheck<>("directory", inode,
                            new TreeNodes(reader, usage, inode, "directory"), LayoutCodecs.NAME_KEYS,
                            LayoutCodecs.DIRECTORY_VALUES, problems, validateLimit).walk(root,
                                    (String name, DirectoryEntryValueV1 v) -> entries.add(
                                            new InodeSummary.DirEntry(name, v.inodeNumber(), v.inodeType())));
                    if (nodes == null) {
                        entriesKnown = false;
                    } else {
                        referenced.putAll(nodes);
                    }
                }
                symlinkTargetMustBeEmpty(inode, headObject, head);
            }
            case FILE -> {
                if (head.payloadObjectLength() != 0) {
                    ExtentWalk walk = new ExtentWalk(inode, head.size(), referenced);
                    Map<Long, Long> nodes = new TreeCheck<>("extent map", inode,
                            new TreeNodes(reader, usage, inode, "extent map"), LayoutCodecs.U64_KEYS,
                            LayoutCodecs.EXTENT_MAP_VALUES, problems, validateLimit).walk(root, walk::visit);
                    if (nodes != null) {
                        nodes.forEach((o, b) -> referenced.merge(o, b, Long::sum));
                    }
                } else if (head.payloadObjectNumber() != 0 || head.payloadObjectOffset() != 0) {
                    problem(ProblemKind.BAD_INODE_HEAD, inode, headObject, "a file's payload " + root
                            + " has no length");
                }
                symlinkTargetMustBeEmpty(inode, headObject, head);
            }
            default -> throw new IllegalStateException("unknown inode type " + head.inodeType());
        }
        LayoutAccounting.compare(head.layout(), referenced, inode, "layout", problems);
        Set<Long> layoutObjects = new HashSet<>();
        long written = 0;
        long referencedTotal = 0;
        for (LayoutEntryV1 e : head.layout()) {
            layoutObjects.add(e.objectNumber());
            usage.reference(e.objectNumber(), 0, 0, inode, "layout entry");
            written += e.bytesWritten();
            referencedTotal += e.bytesReferenced();
        }
        return new InodeSummary(inode, head.inodeType(), headObject, head.linkTable(), entries, entriesKnown,
                layoutObjects, written, referencedTotal);
    }

    private InodeHeadV1 readHead(long inode, long headObject, long headLength) {
        if (headLength < ObjectTrailer.SIZE || headLength > MAX_HEAD_LENGTH) {
            problem(ProblemKind.BAD_INODE_HEAD, inode, headObject, "the inode table gives the inode head an "
                    + "impossible length " + Long.toUnsignedString(headLength));
            return null;
        }
        byte[] bytes;
        try {
            bytes = reader.tail(headObject, headLength);
        } catch (IOException e) {
            if (ContainerReader.isNotFound(e)) {
                usage.reportedMissing(headObject);
                problem(ProblemKind.MISSING_OBJECT, inode, headObject,
                        "the object holding the inode head is not in the container");
            } else {
                problem(ProblemKind.READ_FAILED, inode, headObject, "could not read the inode head: " + e.getMessage());
            }
            return null;
        }
        if (bytes.length < headLength) {
            problem(ProblemKind.BEYOND_OBJECT_END, inode, headObject, "the inode head is " + headLength
                    + " bytes long but the object holds only " + bytes.length);
            return null;
        }
        try {
            return InodeHeadV1.unmarshal(bytes);
        } catch (LayoutException e) {
            problem(ProblemKind.BAD_INODE_HEAD, inode, headObject, "the inode head does not decode: " + e.getMessage());
            return null;
        }
    }

    private void symlinkTargetMustBeEmpty(long inode, long headObject, InodeHeadV1 head) {
        if (!head.symLinkTarget().isEmpty()) {
            problem(ProblemKind.BAD_INODE_HEAD, inode, headObject, "a " + head.inodeType().name().toLowerCase()
                    + " inode has a symbolic-link target");
        }
    }

    private void problem(ProblemKind kind, long inode, long object, String message) {
        problems.accept(Problem.ofInode(kind, inode, object, message));
    }

    /** Checks a file's extents in offset order and sums their bytes per object. */
    private final class ExtentWalk {
        private final long inode;
        private final long size;
        private final Map<Long, Long> referenced;
        private long previousEnd;
        private boolean any;

        ExtentWalk(long inode, long size, Map<Long, Long> referenced) {
            this.inode = inode;
            this.size = size;
            this.referenced = referenced;
        }

        void visit(Long fileOffset, ExtentMapEntryValueV1 extent) {
            long object = extent.objectNumber();
            String at = "extent at file offset " + Long.toUnsignedString(fileOffset) + " (" + extent.length()
                    + " bytes at object offset " + Long.toUnsignedString(extent.objectOffset()) + ")";
            if (extent.length() <= 0) {
                problem(ProblemKind.BAD_EXTENT, inode, object, "the " + at + " is empty or negative");
                return;
            }
            if (any && Long.compareUnsigned(fileOffset, previousEnd) < 0) {
                problem(ProblemKind.BAD_EXTENT, inode, object, "the " + at + " overlaps the extent before it, which ends at "
                        + Long.toUnsignedString(previousEnd));
            }
            long end = fileOffset + extent.length();
            if (Long.compareUnsigned(end, size) > 0) {
                problem(ProblemKind.BAD_EXTENT, inode, object, "the " + at + " ends at " + Long.toUnsignedString(end)
                        + ", past the file's size " + Long.toUnsignedString(size));
            }
            previousEnd = end;
            any = true;
            usage.reference(object, extent.objectOffset(), extent.length(), inode, at);
            referenced.merge(object, extent.length(), Long::sum);
        }
    }
}
