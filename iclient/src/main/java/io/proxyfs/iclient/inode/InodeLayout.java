package io.proxyfs.iclient.inode;

import io.proxyfs.ilayout.LayoutEntryV1;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One inode's space accounting per object (its head's {@code Layout}), plus the changes not yet
 * sent to imgr: superblock adjustments (object count, bytes written, bytes referenced) and the
 * objects it no longer references. Not thread-safe: used under the file-system lock.
 */
final class InodeLayout {
    /** bytesWritten, bytesReferenced of each object. */
    private final TreeMap<Long, long[]> objects = new TreeMap<>(Long::compareUnsigned);
    long objectCountAdjustment;
    long bytesWrittenAdjustment;
    long bytesReferencedAdjustment;
    final List<Long> dereferenced = new ArrayList<>();
    /**
     * The object the last {@link #settle} put a head in. When the write-back failed, imgr never
     * got that head, so the next settle supersedes it, not imgr's (already dropped once).
     */
    private long settledHead;

    InodeLayout(List<LayoutEntryV1> entries) {
        for (LayoutEntryV1 e : entries) {
            objects.put(e.objectNumber(), new long[] {e.bytesWritten(), e.bytesReferenced()});
        }
    }

    /** A new object begins (counted once). */
    void newObject(long number) {
        objects.putIfAbsent(number, new long[2]);
        objectCountAdjustment++;
    }

    /** {@code length} new bytes written into {@code number} and referenced. */
    void written(long number, long length) {
        long[] e = objects.computeIfAbsent(number, k -> new long[2]);
        e[0] += length;
        e[1] += length;
        bytesWrittenAdjustment += length;
        bytesReferencedAdjustment += length;
    }

    /**
     * {@code length} bytes of {@code number} no longer referenced. Unreferencing more than the
     * object holds (or an object not in the layout) is a bookkeeping bug: an assertion error
     * under {@code -ea} (the tests), clamped otherwise.
     */
    void unreferenced(long number, long length) {
        long[] e = objects.get(number);
        assert e != null && length <= e[1] : "over-unreferencing object " + Long.toUnsignedString(number) + " by "
                + length + " bytes: " + (e == null ? "not in the layout" : e[1] + " referenced");
        if (e == null) {
            return;
        }
        long n = Math.min(length, e[1]);
        e[1] -= n;
        bytesReferencedAdjustment -= n;
    }

    /**
     * Before a head is written into {@code headObject}: objects no longer referenced leave the
     * layout and, except the new head's object, are dereferenced; so is {@code oldHeadObject}
     * unless it still holds referenced bytes. Returns the layout for the new head. After a failed
     * write-back (imgr's head {@code oldHeadObject} is not the one settled last time), the head
     * settled last time takes {@code oldHeadObject}'s place: imgr's head was already dropped once.
     */
    List<LayoutEntryV1> settle(long headObject, long oldHeadObject) {
        if (settledHead != 0 && settledHead != oldHeadObject) {
            oldHeadObject = settledHead;
        }
        settledHead = headObject;
        List<LayoutEntryV1> out = new ArrayList<>();
        var it = objects.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, long[]> m = it.next();
            // Read the entry before it.remove(): TreeMap reuses a removed node that has two
            // children for its successor's mapping, so m would then name the next object.
            long number = m.getKey();
            long[] e = m.getValue();
            if (e[1] == 0) {
                it.remove();
                bytesWrittenAdjustment -= e[0];
                if (number != headObject && number != oldHeadObject) {
                    drop(number);
                }
            } else {
                out.add(new LayoutEntryV1(number, e[0], e[1]));
            }
        }
        if (oldHeadObject != 0 && oldHeadObject != headObject && !objects.containsKey(oldHeadObject)) {
            drop(oldHeadObject);
        }
        return out;
    }

    private void drop(long number) {
        dereferenced.add(number);
        objectCountAdjustment--;
    }

    /** Every object this inode references (for reclaiming an inode never sent to imgr). */
    List<Long> objectNumbers() {
        return new ArrayList<>(objects.keySet());
    }

    /** The adjustments to send now (later changes keep accumulating for the next write-back). */
    record Pending(long objectCount, long bytesWritten, long bytesReferenced, List<Long> dereferenced) {
    }

    Pending pending() {
        return new Pending(objectCountAdjustment, bytesWrittenAdjustment, bytesReferencedAdjustment,
                List.copyOf(dereferenced));
    }

    /** Forgets what imgr now has. */
    void sent(Pending p) {
        objectCountAdjustment -= p.objectCount();
        bytesWrittenAdjustment -= p.bytesWritten();
        bytesReferencedAdjustment -= p.bytesReferenced();
        dereferenced.subList(0, p.dereferenced().size()).clear();
    }
}
