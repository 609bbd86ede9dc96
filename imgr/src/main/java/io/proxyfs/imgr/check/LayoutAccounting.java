package io.proxyfs.imgr.check;

import io.proxyfs.ilayout.LayoutEntryV1;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Compares a layout (the superblock's inode-table layout, or an inode's layout) with the bytes
 * actually referenced in each object (B+tree nodes, and a file's extents): each object holding
 * referenced bytes must have exactly one entry whose BytesReferenced equals them, BytesWritten must
 * be at least BytesReferenced, and an entry for an object with nothing referenced must say 0.
 * Stateless.
 */
final class LayoutAccounting {
    private LayoutAccounting() {
    }

    /**
     * Reports every difference between {@code declared} and {@code actual} (object -> bytes).
     *
     * @param owner the inode whose layout it is, or {@link Problem#NONE} for the inode table
     * @param whose "inode table layout" or "layout", for messages
     */
    static void compare(List<LayoutEntryV1> declared, Map<Long, Long> actual, long owner, String whose,
            Consumer<Problem> problems) {
        Map<Long, LayoutEntryV1> byObject = new HashMap<>();
        for (LayoutEntryV1 e : declared) {
            if (byObject.putIfAbsent(e.objectNumber(), e) != null) {
                problems.accept(new Problem(ProblemKind.BAD_ACCOUNTING, owner, e.objectNumber(), "",
                        "the " + whose + " lists this object more than once"));
            }
            if (Long.compareUnsigned(e.bytesWritten(), e.bytesReferenced()) < 0) {
                problems.accept(new Problem(ProblemKind.BAD_ACCOUNTING, owner, e.objectNumber(), "",
                        "the " + whose + " says BytesReferenced " + Long.toUnsignedString(e.bytesReferenced())
                                + " exceeds BytesWritten " + Long.toUnsignedString(e.bytesWritten())));
            }
        }
        Map<Long, Long> sorted = new TreeMap<>(Long::compareUnsigned);
        sorted.putAll(actual);
        for (Map.Entry<Long, Long> a : sorted.entrySet()) {
            LayoutEntryV1 e = byObject.get(a.getKey());
            if (e == null) {
                problems.accept(new Problem(ProblemKind.BAD_ACCOUNTING, owner, a.getKey(), "",
                        Long.toUnsignedString(a.getValue()) + " bytes are referenced in this object but the "
                                + whose + " has no entry for it"));
            } else if (e.bytesReferenced() != a.getValue()) {
                problems.accept(new Problem(ProblemKind.BAD_ACCOUNTING, owner, a.getKey(), "",
                        "the " + whose + " says BytesReferenced " + Long.toUnsignedString(e.bytesReferenced())
                                + " but " + Long.toUnsignedString(a.getValue()) + " bytes are referenced"));
            }
        }
        for (LayoutEntryV1 e : declared) {
            if (!actual.containsKey(e.objectNumber()) && e.bytesReferenced() != 0) {
                problems.accept(new Problem(ProblemKind.BAD_ACCOUNTING, owner, e.objectNumber(), "",
                        "the " + whose + " says BytesReferenced " + Long.toUnsignedString(e.bytesReferenced())
                                + " but nothing is referenced in this object"));
            }
        }
    }
}
