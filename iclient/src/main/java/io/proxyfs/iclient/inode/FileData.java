package io.proxyfs.iclient.inode;

import io.proxyfs.ilayout.ExtentMapEntryValueV1;
import io.proxyfs.sortedmap.BPlusTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A file's bytes through its extent map (file offset to {Length, ObjectNumber, ObjectOffset}):
 * writing appends the data to the inode's next object and maps it, replacing what it overlaps
 * (the original's {@code recordExtent}/{@code unmapExtent}); reading builds a plan of extents and
 * holes (holes read as zeros, also past the last extent, which the original got wrong);
 * truncating unmaps past the new end. Stateless; call under the file-system lock.
 */
final class FileData {
    /** A piece of a read: {@code length} bytes at {@code objectOffset} of an object, or zeros. */
    record Piece(long object, long objectOffset, int length, boolean hole) {
    }

    private final FsContext ctx;

    FileData(FsContext ctx) {
        this.ctx = ctx;
    }

    /** Writes {@code length} bytes of {@code data} at {@code offset}; grows the size if needed. */
    void write(Inode inode, long offset, WriteSource data, int length) {
        if (length == 0) {
            return;
        }
        BPlusTree<Long, ExtentMapEntryValueV1> map = ctx.extents(inode);
        unmap(inode, map, offset, offset + length);
        PutBuffer put = ctx.putBuffer(inode);
        long at = put.append(data, length);
        inode.layout.written(put.objectNumber, length);
        inode.bufferedData += length;
        ctx.bufferedData += length;
        Map.Entry<Long, ExtentMapEntryValueV1> prev = offset == 0 ? null : map.floorEntry(offset - 1);
        if (prev != null) {
            ExtentMapEntryValueV1 v = prev.getValue();
            if (prev.getKey() + v.length() == offset && v.objectNumber() == put.objectNumber
                    && v.objectOffset() + v.length() == at) {
                map.patch(prev.getKey(), new ExtentMapEntryValueV1(v.length() + length, v.objectNumber(),
                        v.objectOffset()));
                growTo(inode, offset + length);
                return;
            }
        }
        map.put(offset, new ExtentMapEntryValueV1(length, put.objectNumber, at));
        growTo(inode, offset + length);
    }

    private static void growTo(Inode inode, long end) {
        if (end > inode.size) {
            inode.size = end;
        }
    }

    /** Sets the size; shrinking unmaps everything past the new end. */
    void truncate(Inode inode, long newSize) {
        if (newSize < inode.size) {
            BPlusTree<Long, ExtentMapEntryValueV1> map = ctx.extents(inode);
            unmap(inode, map, newSize, Long.MAX_VALUE);
        }
        inode.size = newSize;
    }

    /** Removes the mapping of [start, end), splitting extents that straddle either edge. */
    private static void unmap(Inode inode, BPlusTree<Long, ExtentMapEntryValueV1> map, long start, long end) {
        Map.Entry<Long, ExtentMapEntryValueV1> before = start == 0 ? null : map.floorEntry(start - 1);
        if (before != null) {
            long key = before.getKey();
            ExtentMapEntryValueV1 v = before.getValue();
            long vEnd = key + v.length();
            if (vEnd > start) {
                map.patch(key, new ExtentMapEntryValueV1(start - key, v.objectNumber(), v.objectOffset()));
                if (vEnd > end) {
                    map.put(end, new ExtentMapEntryValueV1(vEnd - end, v.objectNumber(),
                            v.objectOffset() + (end - key)));
                    inode.layout.unreferenced(v.objectNumber(), end - start);
                    return;
                }
                inode.layout.unreferenced(v.objectNumber(), vEnd - start);
            }
        }
        List<Map.Entry<Long, ExtentMapEntryValueV1>> inside = new ArrayList<>();
        Iterator<Map.Entry<Long, ExtentMapEntryValueV1>> it = map.iterator(start);
        while (it.hasNext()) {
            Map.Entry<Long, ExtentMapEntryValueV1> e = it.next();
            if (e.getKey() >= end) {
                break;
            }
            inside.add(e);
        }
        for (Map.Entry<Long, ExtentMapEntryValueV1> e : inside) {
            long key = e.getKey();
            ExtentMapEntryValueV1 v = e.getValue();
            long vEnd = key + v.length();
            map.delete(key);
            if (vEnd > end) {
                map.put(end, new ExtentMapEntryValueV1(vEnd - end, v.objectNumber(), v.objectOffset() + (end - key)));
                inode.layout.unreferenced(v.objectNumber(), end - key);
            } else {
                inode.layout.unreferenced(v.objectNumber(), v.length());
            }
        }
    }

    /** The plan for reading [offset, offset + length), already clipped to the size. */
    List<Piece> plan(Inode inode, long offset, int length) {
        List<Piece> out = new ArrayList<>();
        if (length <= 0) {
            return out;
        }
        BPlusTree<Long, ExtentMapEntryValueV1> map = ctx.extents(inode);
        long pos = offset;
        long end = offset + length;
        Map.Entry<Long, ExtentMapEntryValueV1> first = map.floorEntry(offset);
        Iterator<Map.Entry<Long, ExtentMapEntryValueV1>> it = map.iterator(first == null ? offset : first.getKey());
        while (pos < end && it.hasNext()) {
            Map.Entry<Long, ExtentMapEntryValueV1> e = it.next();
            long key = e.getKey();
            ExtentMapEntryValueV1 v = e.getValue();
            long vEnd = key + v.length();
            if (vEnd <= pos) {
                continue;
            }
            if (key >= end) {
                break;
            }
            if (key > pos) {
                out.add(new Piece(0, 0, (int) (key - pos), true));
                pos = key;
            }
            int n = (int) (Math.min(vEnd, end) - pos);
            out.add(new Piece(v.objectNumber(), v.objectOffset() + (pos - key), n, false));
            pos += n;
        }
        if (pos < end) {
            out.add(new Piece(0, 0, (int) (end - pos), true));
        }
        return out;
    }
}
