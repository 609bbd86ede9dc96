package io.proxyfs.imgr.http;

import io.proxyfs.httpstatus.HttpError;
import io.proxyfs.ilayout.CheckPointV1;
import io.proxyfs.ilayout.DirectoryEntryValueV1;
import io.proxyfs.ilayout.ExtentMapEntryValueV1;
import io.proxyfs.ilayout.InodeHeadV1;
import io.proxyfs.ilayout.InodeLinkTableEntry;
import io.proxyfs.ilayout.InodeStreamTableEntry;
import io.proxyfs.ilayout.InodeTableEntryValueV1;
import io.proxyfs.ilayout.InodeType;
import io.proxyfs.ilayout.LayoutEntryV1;
import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.ilayout.SuperBlockV1;
import io.proxyfs.imgr.http.StatusJson.DirEntry;
import io.proxyfs.imgr.http.StatusJson.Extent;
import io.proxyfs.imgr.http.StatusJson.InodeGet;
import io.proxyfs.imgr.http.StatusJson.InodeTableEntry;
import io.proxyfs.imgr.http.StatusJson.LayoutEntry;
import io.proxyfs.imgr.http.StatusJson.LinkEntry;
import io.proxyfs.imgr.http.StatusJson.StreamEntry;
import io.proxyfs.imgr.volume.ReadOnlyNodes;
import io.proxyfs.imgr.volume.VolumeObjects;
import io.proxyfs.layouttree.LayoutCodecs;
import io.proxyfs.sortedmap.BPlusTree;
import io.proxyfs.sortedmap.BPlusTreeCache;
import io.proxyfs.sortedmap.BPlusTreeException;
import io.proxyfs.sortedmap.KeyCodec;
import io.proxyfs.sortedmap.NodeLocation;
import io.proxyfs.sortedmap.ValueCodec;
import io.proxyfs.swift.SwiftAuthException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads what is durable of a volume (the checkpoint, the superblock it names, the inode table,
 * and an inode's head, directory or extent map) straight from storage, as the original's
 * {@code GET /volume/<name>} and {@code GET /volume/<name>/inode/<number>} do, with trees of its
 * own (a small cache, read-only callbacks) so that nothing it does touches the served volume's
 * state. Stateless; each call is independent, so thread-safe.
 */
final class VolumeReports {
    private static final long CACHE_LOW = 1000;
    private static final long CACHE_HIGH = 1010;
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX")
            .withZone(ZoneOffset.UTC);

    private VolumeReports() {
    }

    /** The durable superblock and checkpoint of a volume, and its inode table opened read-only. */
    record Durable(CheckPointV1 checkPoint, SuperBlockV1 superBlock, BPlusTree<Long, InodeTableEntryValueV1> inodeTable) {
    }

    /**
     * The HTTP error for a read failure: 401 when Swift refused the token (as the original, which
     * answers 401 to every read failure), 502 with the reason for anything else.
     */
    static HttpError failure(String volume, String what, Exception e) {
        Throwable root = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (root instanceof SwiftAuthException) {
            return new HttpError(401, "volume " + volume + ": Swift refused the AuthToken " + what);
        }
        return new HttpError(502, "volume " + volume + ": failed " + what + ": " + root.getMessage());
    }

    /** Reads the checkpoint, the superblock and the inode table's root. */
    static Durable durable(String volume, VolumeObjects objects) throws HttpError {
        try {
            CheckPointV1 checkPoint = CheckPointV1.unmarshal(objects.readCheckPoint());
            SuperBlockV1 superBlock = SuperBlockV1.unmarshal(objects.getTail(checkPoint.superBlockObjectNumber(),
                    checkPoint.superBlockLength()));
            BPlusTree<Long, InodeTableEntryValueV1> table = open(objects, new NodeLocation(
                    superBlock.inodeTableRootObjectNumber(), superBlock.inodeTableRootObjectOffset(),
                    superBlock.inodeTableRootObjectLength()), LayoutCodecs.U64_KEYS, LayoutCodecs.INODE_TABLE_VALUES);
            return new Durable(checkPoint, superBlock, table);
        } catch (IOException | BPlusTreeException | UncheckedIOException e) {
            throw failure(volume, "reading its checkpoint, superblock and inode table", e);
        }
    }

    /** The inode-table layout of a superblock. */
    static List<LayoutEntry> layout(List<LayoutEntryV1> entries) {
        return entries.stream()
                .map(e -> new LayoutEntry(ObjectNames.nameOf(e.objectNumber()), e.bytesWritten(), e.bytesReferenced()))
                .toList();
    }

    /** Every inode-table entry, in inode-number order. */
    static List<InodeTableEntry> inodeTable(String volume, Durable durable) throws HttpError {
        try {
            List<InodeTableEntry> out = new ArrayList<>();
            Iterator<Map.Entry<Long, InodeTableEntryValueV1>> it = durable.inodeTable().iterator();
            while (it.hasNext()) {
                Map.Entry<Long, InodeTableEntryValueV1> e = it.next();
                out.add(new InodeTableEntry(e.getKey(), ObjectNames.nameOf(e.getValue().inodeHeadObjectNumber()),
                        e.getValue().inodeHeadLength()));
            }
            return out;
        } catch (BPlusTreeException | UncheckedIOException e) {
            throw failure(volume, "reading its inode table", e);
        }
    }

    /** The inode's page, or empty when the durable inode table has no such inode. */
    static Optional<InodeGet> inode(String volume, VolumeObjects objects, long inodeNumber)
            throws HttpError {
        Durable durable = durable(volume, objects);
        String which = "inode " + Long.toUnsignedString(inodeNumber);
        try {
            InodeTableEntryValueV1 entry = durable.inodeTable().get(inodeNumber);
            if (entry == null) {
                return Optional.empty();
            }
            InodeHeadV1 head = InodeHeadV1.unmarshal(objects.getTail(entry.inodeHeadObjectNumber(),
                    entry.inodeHeadLength()));
            if (head.inodeNumber() != inodeNumber) {
                throw new IOException("the head found for " + which + " is that of inode "
                        + Long.toUnsignedString(head.inodeNumber()));
            }
            return Optional.of(inodeGet(objects, head));
        } catch (IOException | BPlusTreeException | UncheckedIOException e) {
            throw failure(volume, "reading " + which, e);
        }
    }

    private static InodeGet inodeGet(VolumeObjects objects, InodeHeadV1 head) {
        List<LinkEntry> links = new ArrayList<>();
        for (InodeLinkTableEntry l : head.linkTable()) {
            links.add(new LinkEntry(l.parentDirInodeNumber(), l.parentDirEntryName()));
        }
        List<StreamEntry> streams = new ArrayList<>();
        for (InodeStreamTableEntry s : head.streamTable()) {
            streams.add(new StreamEntry(s.name(), hex(s.value())));
        }
        List<LayoutEntry> layout = layout(head.layout());
        String mtime = RFC3339.format(instant(head.modificationTimeNanos()));
        String ctime = RFC3339.format(instant(head.statusChangeTimeNanos()));
        NodeLocation payload = new NodeLocation(head.payloadObjectNumber(), head.payloadObjectOffset(),
                head.payloadObjectLength());
        return switch (head.inodeType()) {
            case DIR -> {
                Payload<String, DirectoryEntryValueV1, DirEntry> p = payload(objects, payload, LayoutCodecs.NAME_KEYS,
                        LayoutCodecs.DIRECTORY_VALUES, e -> new DirEntry(e.getKey(), e.getValue().inodeNumber(),
                                typeName(e.getValue().inodeType())));
                yield new InodeGet(head.inodeNumber(), "Dir", links, mtime, ctime, head.mode(), head.userId(),
                        head.groupId(), streams, null, p.min, p.max, p.items, p.height, null, null, null, null,
                        p.entries, layout, null);
            }
            case FILE -> {
                Payload<Long, ExtentMapEntryValueV1, Extent> p = payload(objects, payload, LayoutCodecs.U64_KEYS,
                        LayoutCodecs.EXTENT_MAP_VALUES, e -> new Extent(e.getKey(), e.getValue().length(),
                                ObjectNames.nameOf(e.getValue().objectNumber()), e.getValue().objectOffset()));
                yield new InodeGet(head.inodeNumber(), "File", links, mtime, ctime, head.mode(), head.userId(),
                        head.groupId(), streams, head.size(), null, null, null, null, p.min, p.max, p.items, p.height,
                        p.entries, layout, null);
            }
            case SYMLINK -> new InodeGet(head.inodeNumber(), "SymLink", links, mtime, ctime, head.mode(),
                    head.userId(), head.groupId(), streams, null, null, null, null, null, null, null, null, null, null,
                    null, head.symLinkTarget());
        };
    }

    /** A directory's or extent map's dimensions and entries. */
    private record Payload<K, V, E>(Long min, Long max, Long items, Long height, List<E> entries) {
    }

    private static <K, V, E> Payload<K, V, E> payload(VolumeObjects objects, NodeLocation root, KeyCodec<K> keys,
            ValueCodec<V> values, Function<Map.Entry<K, V>, E> toEntry) {
        if (root.objectLength() == 0) {
            return new Payload<>(0L, 0L, 0L, 0L, List.of());
        }
        BPlusTree<K, V> tree = open(objects, root, keys, values);
        BPlusTree.Dimensions d = tree.dimensions();
        List<E> entries = new ArrayList<>();
        Iterator<Map.Entry<K, V>> it = tree.iterator();
        while (it.hasNext()) {
            entries.add(toEntry.apply(it.next()));
        }
        return new Payload<>(d.minKeysPerNode(), d.maxKeysPerNode(), d.items(), d.height(), entries);
    }

    private static <K, V> BPlusTree<K, V> open(VolumeObjects objects, NodeLocation root, KeyCodec<K> keys,
            ValueCodec<V> values) {
        return BPlusTree.open(root, keys, values, new ReadOnlyNodes(objects), new BPlusTreeCache(CACHE_LOW, CACHE_HIGH));
    }

    static String typeName(InodeType type) {
        return switch (type) {
            case DIR -> "Dir";
            case FILE -> "File";
            case SYMLINK -> "SymLink";
        };
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** Bytes as the original shows a stream value: "XX XX .. XX", upper case. */
    static String hex(byte[] value) {
        StringBuilder out = new StringBuilder(value.length * 3);
        for (byte b : value) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(String.format("%02X", b & 0xFF));
        }
        return out.toString();
    }
}
