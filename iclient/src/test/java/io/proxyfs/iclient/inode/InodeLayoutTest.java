package io.proxyfs.iclient.inode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proxyfs.ilayout.LayoutEntryV1;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link InodeLayout}'s bookkeeping on its own: which objects a write-back drops, and counts. */
class InodeLayoutTest {
    /**
     * Objects 1..15 each hold referenced bytes; one of them becomes unreferenced. Whatever its
     * place in the layout's map (a leaf, or an inner node with two children, which TreeMap's
     * iterator removal refills with the successor's mapping), exactly that object is dropped and
     * every other one stays in the new head's layout.
     */
    @Test
    void settleDropsExactlyTheUnreferencedObject() {
        for (long gone = 1; gone <= 15; gone++) {
            List<LayoutEntryV1> entries = new ArrayList<>();
            for (long n = 1; n <= 15; n++) {
                entries.add(new LayoutEntryV1(n, 100, 100));
            }
            InodeLayout layout = new InodeLayout(entries);
            layout.unreferenced(gone, 100);
            List<LayoutEntryV1> out = layout.settle(99, 0);
            assertEquals(List.of(gone), layout.dereferenced, "dropping object " + gone);
            assertEquals(-1, layout.objectCountAdjustment, "dropping object " + gone);
            assertEquals(-100, layout.bytesWrittenAdjustment, "dropping object " + gone);
            assertEquals(-100, layout.bytesReferencedAdjustment, "dropping object " + gone);
            List<Long> kept = new ArrayList<>();
            for (LayoutEntryV1 e : out) {
                kept.add(e.objectNumber());
            }
            List<Long> expected = new ArrayList<>();
            for (long n = 1; n <= 15; n++) {
                if (n != gone) {
                    expected.add(n);
                }
            }
            assertEquals(expected, kept, "dropping object " + gone);
        }
    }

    /** The previous head's object is dropped once it holds nothing referenced, whatever its neighbours. */
    @Test
    void settleDropsTheOldHeadOnce() {
        List<LayoutEntryV1> entries = new ArrayList<>();
        for (long n = 1; n <= 7; n++) {
            entries.add(new LayoutEntryV1(n, 10, 10));
        }
        InodeLayout layout = new InodeLayout(entries);
        layout.unreferenced(4, 10);
        layout.unreferenced(2, 10);
        layout.settle(8, 4);
        assertEquals(List.of(2L, 4L), layout.dereferenced.stream().sorted().toList());
        assertEquals(-2, layout.objectCountAdjustment);
    }

    /** Unreferencing more than an object holds is a bookkeeping bug, caught under -ea. */
    @Test
    void overUnreferencingIsAnAssertionError() {
        InodeLayout layout = new InodeLayout(List.of(new LayoutEntryV1(5, 10, 10)));
        assertThrows(AssertionError.class, () -> layout.unreferenced(5, 11));
        assertThrows(AssertionError.class, () -> layout.unreferenced(6, 1));
    }

    /**
     * A write-back whose PUT failed settled a head-only object 11 (superseding imgr's head 10);
     * the retry settles object 12: imgr's head is dropped once, and 11 (PUT by the retry, never
     * a head imgr knows) is dropped too, so the object count nets out.
     */
    @Test
    void settleRetriedAfterAFailedWriteBackDropsEachObjectOnce() {
        InodeLayout layout = new InodeLayout(List.of(new LayoutEntryV1(5, 10, 10)));
        layout.newObject(11);
        layout.settle(11, 10);
        assertEquals(List.of(10L), layout.dereferenced);
        layout.newObject(12);
        List<LayoutEntryV1> out = layout.settle(12, 10);
        assertEquals(List.of(10L, 11L), layout.dereferenced);
        assertEquals(0, layout.objectCountAdjustment);
        assertEquals(List.of(new LayoutEntryV1(5, 10, 10)), out);
        layout.sent(layout.pending());
        layout.newObject(13);
        layout.settle(13, 12);
        assertEquals(List.of(12L), layout.dereferenced);
        assertEquals(0, layout.objectCountAdjustment);
    }
}
