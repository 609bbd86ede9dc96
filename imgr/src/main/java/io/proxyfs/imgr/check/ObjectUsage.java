package io.proxyfs.imgr.check;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every object the volume's metadata references, with how far into it the furthest reference
 * reaches and who makes that reference (for reports). Filled while the trees and heads are
 * walked, then compared with the container's listing. Memory: one entry per referenced object.
 * Thread-safe.
 */
final class ObjectUsage {
    /** The furthest reference into an object, and who made it. */
    record Reach(long end, long inode, String what) {
    }

    private final Map<Long, Reach> reach = new ConcurrentHashMap<>();
    private final Set<Long> missing = ConcurrentHashMap.newKeySet();

    /**
     * Records a reference to {@code [offset, offset + length)} of {@code objectNumber}.
     *
     * @param inode the inode making it, or {@link Problem#NONE}
     * @param what  what it is, e.g. "extent at file offset 4096"
     */
    void reference(long objectNumber, long offset, long length, long inode, String what) {
        long end = offset + length;
        reach.merge(objectNumber, new Reach(end, inode, what),
                (a, b) -> Long.compareUnsigned(b.end, a.end) > 0 ? b : a);
    }

    /** Whether anything references the object. */
    boolean isReferenced(long objectNumber) {
        return reach.containsKey(objectNumber);
    }

    /** The furthest reference into the object, or null when none. */
    Reach reachOf(long objectNumber) {
        return reach.get(objectNumber);
    }

    /** The referenced object numbers (a live view). */
    Set<Long> objects() {
        return reach.keySet();
    }

    /** Notes that a read already reported the object missing, so the listing check does not repeat it. */
    void reportedMissing(long objectNumber) {
        missing.add(objectNumber);
    }

    /** Whether a read already reported the object missing. */
    boolean isReportedMissing(long objectNumber) {
        return missing.contains(objectNumber);
    }
}
