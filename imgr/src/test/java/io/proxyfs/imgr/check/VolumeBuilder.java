package io.proxyfs.imgr.check;

import io.proxyfs.ilayout.CheckPointV1;
import io.proxyfs.ilayout.DirectoryEntryValueV1;
import io.proxyfs.ilayout.ExtentMapEntryValueV1;
import io.proxyfs.ilayout.InodeHeadV1;
import io.proxyfs.ilayout.InodeLinkTableEntry;
import io.proxyfs.ilayout.InodeTableEntryValueV1;
import io.proxyfs.ilayout.InodeType;
import io.proxyfs.ilayout.LayoutEntryV1;
import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.ilayout.SuperBlockV1;
import io.proxyfs.layouttree.LayoutCodecs;
import io.proxyfs.layouttree.ObjectBuilder;
import io.proxyfs.sortedmap.BPlusTree;
import io.proxyfs.sortedmap.NodeLocation;
import io.proxyfs.swift.SwiftClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Builds a volume in a container the way the format says iclient and imgr leave it: each inode's
 * latest flush is one object (file data, then its B+tree's nodes, then its head); a file written in
 * two flushes also keeps extents in an older object holding data only; the inode table's nodes and
 * the superblock share the newest object; the checkpoint points at it. Accounting is computed as
 * the format defines it. Small node sizes (4 keys) make trees of several nodes. Tests can tamper
 * with link tables, heads and the superblock before writing, and with objects after. Not
 * thread-safe.
 */
final class VolumeBuilder {
    static final int KEYS = 4;

    /** One inode of the model. */
    static final class Inode {
        final long number;
        final InodeType type;
        final TreeMap<String, DirectoryEntryValueV1> entries = new TreeMap<>(LayoutCodecs.NAME_KEYS);
        final List<byte[]> chunks = new ArrayList<>();
        String target = "";
        List<InodeLinkTableEntry> linkTable;
        UnaryOperator<InodeHeadV1> headTamper = UnaryOperator.identity();
        long headObject;
        long headLength;
        long headLengthOverride;
        long oldDataObject;

        Inode(long number, InodeType type) {
            this.number = number;
            this.type = type;
        }

        long size() {
            return chunks.stream().mapToLong(c -> c.length).sum();
        }
    }

    private long nonce = 3;
    private final Map<Long, Inode> inodes = new LinkedHashMap<>();
    private final Map<Long, byte[]> extraObjects = new HashMap<>();
    private final List<Long> pendingDeletes = new ArrayList<>();
    UnaryOperator<SuperBlockV1> superBlockTamper = UnaryOperator.identity();
    long superBlockObject;

    VolumeBuilder() {
        Inode root = new Inode(1, InodeType.DIR);
        root.entries.put(".", new DirectoryEntryValueV1(1, InodeType.DIR));
        root.entries.put("..", new DirectoryEntryValueV1(1, InodeType.DIR));
        inodes.put(1L, root);
    }

    long nextNonce() {
        return ++nonce;
    }

    Inode inode(long number) {
        return inodes.get(number);
    }

    long mkdir(long parent, String name) {
        Inode d = add(InodeType.DIR);
        d.entries.put(".", new DirectoryEntryValueV1(d.number, InodeType.DIR));
        d.entries.put("..", new DirectoryEntryValueV1(parent, InodeType.DIR));
        inodes.get(parent).entries.put(name, new DirectoryEntryValueV1(d.number, InodeType.DIR));
        return d.number;
    }

    /** A file; with two or more chunks the first lies in an older, data-only object. */
    long file(long parent, String name, byte[]... chunks) {
        Inode f = unlinkedFile(chunks);
        inodes.get(parent).entries.put(name, new DirectoryEntryValueV1(f.number, InodeType.FILE));
        return f.number;
    }

    Inode unlinkedFile(byte[]... chunks) {
        Inode f = add(InodeType.FILE);
        f.chunks.addAll(List.of(chunks));
        return f;
    }

    long symlink(long parent, String name, String target) {
        Inode s = add(InodeType.SYMLINK);
        s.target = target;
        inodes.get(parent).entries.put(name, new DirectoryEntryValueV1(s.number, InodeType.SYMLINK));
        return s.number;
    }

    void link(long dir, String name, long target) {
        inodes.get(dir).entries.put(name, new DirectoryEntryValueV1(target, inodes.get(target).type));
    }

    /** An object nothing references, listed in the superblock as pending delete. */
    long pendingDelete(byte[] bytes) {
        long n = nextNonce();
        extraObjects.put(n, bytes);
        pendingDeletes.add(n);
        return n;
    }

    /** An object nothing references and nothing explains. */
    long leaked(byte[] bytes) {
        long n = nextNonce();
        extraObjects.put(n, bytes);
        return n;
    }

    private Inode add(InodeType type) {
        Inode i = new Inode(nextNonce(), type);
        inodes.put(i.number, i);
        return i;
    }

    /** Writes every object, then the checkpoint; returns the checkpoint. */
    CheckPointV1 write(SwiftClient swift, String container) throws IOException {
        Map<Long, List<InodeLinkTableEntry>> links = new HashMap<>();
        for (Inode d : inodes.values()) {
            for (Map.Entry<String, DirectoryEntryValueV1> e : d.entries.entrySet()) {
                links.computeIfAbsent(e.getValue().inodeNumber(), k -> new ArrayList<>())
                        .add(new InodeLinkTableEntry(d.number, e.getKey()));
            }
        }
        Set<Long> inodeObjects = new HashSet<>();
        long written = 0;
        long referenced = 0;
        for (Inode i : inodes.values()) {
            List<LayoutEntryV1> layout = new ArrayList<>();
            List<ExtentMapEntryValueV1> extents = new ArrayList<>();
            List<Long> offsets = new ArrayList<>();
            long fileOffset = 0;
            int firstInHead = 0;
            if (i.type == InodeType.FILE && i.chunks.size() > 1) {
                i.oldDataObject = nextNonce();
                byte[] old = i.chunks.get(0);
                swift.putObject(container, ObjectNames.nameOf(i.oldDataObject), old);
                extents.add(new ExtentMapEntryValueV1(old.length, i.oldDataObject, 0));
                offsets.add(0L);
                fileOffset = old.length;
                layout.add(new LayoutEntryV1(i.oldDataObject, old.length, old.length));
                firstInHead = 1;
            }
            i.headObject = nextNonce();
            ObjectBuilder object = new ObjectBuilder(i.headObject);
            NodeLocation root = new NodeLocation(0, 0, 0);
            if (i.type == InodeType.FILE) {
                for (byte[] chunk : i.chunks.subList(firstInHead, i.chunks.size())) {
                    long at = object.append(chunk).objectOffset();
                    extents.add(new ExtentMapEntryValueV1(chunk.length, i.headObject, at));
                    offsets.add(fileOffset);
                    fileOffset += chunk.length;
                }
                BPlusTree<Long, ExtentMapEntryValueV1> map = BPlusTree.create(KEYS, LayoutCodecs.U64_KEYS,
                        LayoutCodecs.EXTENT_MAP_VALUES, object.nodeSink(), null);
                for (int k = 0; k < extents.size(); k++) {
                    map.put(offsets.get(k), extents.get(k));
                }
                root = map.flush(false);
            } else if (i.type == InodeType.DIR) {
                BPlusTree<String, DirectoryEntryValueV1> dir = BPlusTree.create(KEYS, LayoutCodecs.NAME_KEYS,
                        LayoutCodecs.DIRECTORY_VALUES, object.nodeSink(), null);
                i.entries.forEach(dir::put);
                root = dir.flush(false);
            }
            if (object.size() > 0) {
                layout.add(new LayoutEntryV1(i.headObject, object.size(), object.size()));
            }
            List<InodeLinkTableEntry> linkTable = i.linkTable != null ? i.linkTable
                    : links.getOrDefault(i.number, List.of());
            InodeHeadV1 head = i.headTamper.apply(new InodeHeadV1(i.number, i.type, linkTable, i.size(), 1000, 1000,
                    i.type == InodeType.DIR ? 0755 : 0644, 0, 0, List.of(), root.objectNumber(), root.objectOffset(),
                    root.objectLength(), i.target, layout));
            byte[] headBytes = head.marshal();
            object.append(headBytes);
            i.headLength = headBytes.length;
            swift.putObject(container, ObjectNames.nameOf(i.headObject), object.toByteArray());
            inodeObjects.add(i.headObject);
            for (LayoutEntryV1 e : head.layout()) {
                inodeObjects.add(e.objectNumber());
                written += e.bytesWritten();
                referenced += e.bytesReferenced();
            }
        }
        for (Map.Entry<Long, byte[]> e : extraObjects.entrySet()) {
            swift.putObject(container, ObjectNames.nameOf(e.getKey()), e.getValue());
        }
        superBlockObject = nextNonce();
        ObjectBuilder object = new ObjectBuilder(superBlockObject);
        BPlusTree<Long, InodeTableEntryValueV1> table = BPlusTree.create(KEYS, LayoutCodecs.U64_KEYS,
                LayoutCodecs.INODE_TABLE_VALUES, object.nodeSink(), null);
        for (Inode i : inodes.values()) {
            table.put(i.number, new InodeTableEntryValueV1(i.headObject,
                    i.headLengthOverride != 0 ? i.headLengthOverride : i.headLength));
        }
        NodeLocation root = table.flush(false);
        SuperBlockV1 superBlock = superBlockTamper.apply(new SuperBlockV1(root.objectNumber(), root.objectOffset(),
                root.objectLength(), List.of(new LayoutEntryV1(superBlockObject, object.size(), object.size())),
                inodeObjects.size(), written, referenced, pendingDeletes));
        byte[] superBlockBytes = superBlock.marshal();
        object.append(superBlockBytes);
        swift.putObject(container, ObjectNames.nameOf(superBlockObject), object.toByteArray());
        CheckPointV1 checkPoint = new CheckPointV1(superBlockObject, superBlockBytes.length, nonce + 100);
        swift.putObject(container, ObjectNames.nameOf(0), checkPoint.marshal());
        return checkPoint;
    }
}
