package io.proxyfs.iclient.inode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proxyfs.iclient.inode.PrefetchWindow.Admission;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The head prefetcher's window: bounded ahead of use, freed by use, by loads that bring nothing, and by a listing's end. */
class PrefetchWindowTest {
    @Test
    void aFullWindowWaitsForAUse() throws Exception {
        PrefetchWindow w = new PrefetchWindow(2, 60_000);
        PrefetchWindow.Listing l = w.listing();
        assertEquals(Admission.LOAD, l.admit(1));
        assertEquals(Admission.LOAD, l.admit(2));
        CompletableFuture<Admission> third = CompletableFuture.supplyAsync(() -> {
            try {
                return l.admit(3);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        w.used(7); // not in the window: frees nothing
        w.used(1);
        assertEquals(Admission.LOAD, third.get(30, TimeUnit.SECONDS));
        assertEquals(2, w.held());
    }

    @Test
    void aWindowNobodyUsesGivesUp() throws Exception {
        PrefetchWindow w = new PrefetchWindow(1, 10);
        PrefetchWindow.Listing l = w.listing();
        assertEquals(Admission.LOAD, l.admit(1));
        assertEquals(Admission.GIVE_UP, l.admit(2));
        l.end();
        assertEquals(0, w.held());
        assertEquals(Admission.LOAD, w.listing().admit(2));
    }

    @Test
    void aLoadThatBroughtNothingFreesItsSlotAtOnce() throws Exception {
        PrefetchWindow w = new PrefetchWindow(1, 10);
        PrefetchWindow.Listing l = w.listing();
        assertEquals(Admission.LOAD, l.admit(1));
        l.settled(1, false); // cached before, or failed: nobody will use it on our account
        assertEquals(Admission.LOAD, l.admit(2));
        l.settled(2, true); // loaded: holds its slot until used
        assertEquals(Admission.GIVE_UP, l.admit(3));
        w.used(2);
        assertEquals(Admission.LOAD, l.admit(3));
    }

    @Test
    void anInodeInAnotherListingsWindowIsSkippedAndItsUseFreesTheOwner() throws Exception {
        PrefetchWindow w = new PrefetchWindow(1, 10);
        PrefetchWindow.Listing a = w.listing();
        PrefetchWindow.Listing b = w.listing();
        assertEquals(Admission.LOAD, a.admit(5));
        assertEquals(Admission.SKIP, b.admit(5));
        assertEquals(Admission.LOAD, b.admit(6)); // the skip gave b's slot back
        w.used(5);
        assertEquals(Admission.LOAD, a.admit(8));
        assertEquals(2, w.held());
        a.end();
        b.end();
        assertEquals(0, w.held());
    }
}
