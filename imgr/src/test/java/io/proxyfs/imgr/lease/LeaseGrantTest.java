package io.proxyfs.imgr.lease;

import static io.proxyfs.imgr.lease.LeaseTestBed.assertAnswered;
import static io.proxyfs.imgr.lease.LeaseTestBed.mount;
import static io.proxyfs.imgrapi.LeaseRequestType.DEMOTE;
import static io.proxyfs.imgrapi.LeaseRequestType.EXCLUSIVE;
import static io.proxyfs.imgrapi.LeaseRequestType.PROMOTE;
import static io.proxyfs.imgrapi.LeaseRequestType.RELEASE;
import static io.proxyfs.imgrapi.LeaseRequestType.SHARED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.imgrapi.LeaseRequestType;
import io.proxyfs.imgrapi.LeaseResponseType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LeaseGrantTest {

    private static final long INODE = 0x1234;

    private final LeaseTestBed bed = new LeaseTestBed();

    @Test
    void sharedIsGrantedToManyMountsAtOnce() {
        for (int m = 0; m < 20; m++) {
            bed.expectNow(mount(m), INODE, SHARED, LeaseResponseType.SHARED);
            bed.advanceMillis(100);
        }
        bed.passMinLeaseDuration();
        for (int m = 0; m < 20; m++) {
            bed.assertAccess(mount(m), INODE, true, false);
        }
        assertTrue(bed.interrupts.all().isEmpty(), "shared holders do not disturb each other");
        assertEquals(InodeLeaseState.SHARED_GRANTED_LONG_AGO, bed.stateOf(INODE));
        for (int m = 0; m < 20; m++) {
            bed.expectNow(mount(m), INODE, RELEASE, LeaseResponseType.RELEASED);
        }
        assertTrue(bed.manager.snapshot().inodes().isEmpty(), "an idle lease object is dropped");
    }

    @Test
    void exclusiveGoesToOneMountAndTheOthersWait() {
        bed.expectNow(mount(0), INODE, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        CompletableFuture<LeaseResponseType> second = bed.expectWait(mount(1), INODE, EXCLUSIVE);
        bed.assertAccess(mount(0), INODE, true, true);
        bed.assertAccess(mount(1), INODE, false, false);
        bed.expectNow(mount(0), INODE, RELEASE, LeaseResponseType.RELEASED);
        assertAnswered(LeaseResponseType.EXCLUSIVE, second);
        bed.assertAccess(mount(0), INODE, false, false);
        bed.assertAccess(mount(1), INODE, true, true);
    }

    @Test
    void leasesOnDifferentInodesAreIndependent() {
        for (int m = 0; m < 5; m++) {
            bed.expectNow(mount(m), 100 + m, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        }
        for (int m = 0; m < 5; m++) {
            bed.assertAccess(mount(m), 100 + m, true, true);
            bed.assertAccess(mount(m), 100 + (m + 1) % 5, false, false);
        }
    }

    @Test
    void conflictingRequestsWaitDuringTheRecentWindowAndAreServedInOrder() {
        LeaseHolder holder = mount(0);
        bed.expectNow(holder, INODE, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        List<CompletableFuture<LeaseResponseType>> waiting = new ArrayList<>();
        for (int m = 1; m <= 3; m++) {
            waiting.add(bed.expectWait(mount(m), INODE, EXCLUSIVE));
        }
        bed.advanceMillis(LeaseTestBed.MIN_LEASE_MILLIS - 1);
        assertTrue(bed.interrupts.all().isEmpty(), "no interrupt inside MinLeaseDuration");
        bed.advanceMillis(1);
        assertEquals(List.of(io.proxyfs.imgrapi.RpcInterruptType.RELEASE), bed.interrupts.to(holder, INODE));

        List<HolderSnapshot> queued = bed.manager.snapshot().inodes().get(0).waiters();
        assertEquals(List.of(mount(1), mount(2), mount(3)), queued.stream().map(HolderSnapshot::holder).toList());

        LeaseHolder current = holder;
        for (int m = 1; m <= 3; m++) {
            bed.expectNow(current, INODE, RELEASE, LeaseResponseType.RELEASED);
            assertAnswered(LeaseResponseType.EXCLUSIVE, waiting.get(m - 1));
            for (int later = m; later < 3; later++) {
                assertFalse(waiting.get(later).isDone(), "FIFO: later waiters still wait");
            }
            current = mount(m);
            bed.passMinLeaseDuration();
        }
    }

    @Test
    void sharedRequestQueuesBehindAnEarlierExclusiveWaiterInsteadOfOvertakingIt() {
        bed.expectNow(mount(0), INODE, SHARED, LeaseResponseType.SHARED);
        CompletableFuture<LeaseResponseType> exclusive = bed.expectWait(mount(1), INODE, EXCLUSIVE);
        CompletableFuture<LeaseResponseType> lateShared = bed.expectWait(mount(2), INODE, SHARED);
        bed.passMinLeaseDuration();
        bed.expectNow(mount(0), INODE, RELEASE, LeaseResponseType.RELEASED);
        assertAnswered(LeaseResponseType.EXCLUSIVE, exclusive);
        assertFalse(lateShared.isDone());
        bed.passMinLeaseDuration();
        assertEquals(List.of(io.proxyfs.imgrapi.RpcInterruptType.DEMOTE), bed.interrupts.to(mount(1), INODE));
        bed.expectNow(mount(1), INODE, DEMOTE, LeaseResponseType.DEMOTED);
        assertAnswered(LeaseResponseType.SHARED, lateShared);
    }

    @Test
    void aSecondSharedOrExclusiveRequestOfTheSameMountIsDenied() {
        bed.expectNow(mount(0), INODE, SHARED, LeaseResponseType.SHARED);
        bed.expectNow(mount(0), INODE, SHARED, LeaseResponseType.DENIED);
        bed.expectNow(mount(0), INODE, EXCLUSIVE, LeaseResponseType.DENIED);
        bed.assertAccess(mount(0), INODE, true, false);

        bed.expectNow(mount(1), INODE + 1, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        CompletableFuture<LeaseResponseType> waiting = bed.expectWait(mount(2), INODE + 1, SHARED);
        bed.expectNow(mount(2), INODE + 1, SHARED, LeaseResponseType.DENIED);
        bed.expectNow(mount(2), INODE + 1, EXCLUSIVE, LeaseResponseType.DENIED);
        assertFalse(waiting.isDone(), "the first request still waits");
    }

    @ParameterizedTest
    @EnumSource(value = LeaseRequestType.class, names = {"PROMOTE", "DEMOTE", "RELEASE"})
    void promoteDemoteAndReleaseWithoutALeaseAreDenied(LeaseRequestType type) {
        bed.expectNow(mount(0), INODE, type, LeaseResponseType.DENIED);
        bed.expectNow(mount(1), INODE, SHARED, LeaseResponseType.SHARED);
        bed.expectNow(mount(0), INODE, type, LeaseResponseType.DENIED);
        assertEquals(1, bed.manager.snapshot().inodes().get(0).holders().size());
    }

    @Test
    void demoteOfASharedLeaseAndPromoteOfAnExclusiveOneAreDenied() {
        bed.expectNow(mount(0), INODE, SHARED, LeaseResponseType.SHARED);
        bed.expectNow(mount(0), INODE, DEMOTE, LeaseResponseType.DENIED);
        bed.expectNow(mount(1), INODE + 1, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        bed.expectNow(mount(1), INODE + 1, PROMOTE, LeaseResponseType.DENIED);
        bed.assertAccess(mount(0), INODE, true, false);
        bed.assertAccess(mount(1), INODE + 1, true, true);
    }

    @Test
    void aWaiterCannotReleaseOrPromoteItsRequest() {
        bed.expectNow(mount(0), INODE, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        CompletableFuture<LeaseResponseType> waiting = bed.expectWait(mount(1), INODE, SHARED);
        bed.expectNow(mount(1), INODE, RELEASE, LeaseResponseType.DENIED);
        bed.expectNow(mount(1), INODE, PROMOTE, LeaseResponseType.DENIED);
        bed.expectNow(mount(1), INODE, DEMOTE, LeaseResponseType.DENIED);
        assertFalse(waiting.isDone());
    }

    @Test
    void exclusiveHolderMayDemoteAndReleaseOnItsOwn() {
        bed.expectNow(mount(0), INODE, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        bed.expectNow(mount(0), INODE, DEMOTE, LeaseResponseType.DEMOTED);
        bed.assertAccess(mount(0), INODE, true, false);
        assertEquals(InodeLeaseState.SHARED_GRANTED_RECENTLY, bed.stateOf(INODE));
        bed.expectNow(mount(0), INODE, RELEASE, LeaseResponseType.RELEASED);
        bed.assertAccess(mount(0), INODE, false, false);
        assertEquals(0, bed.clock.pendingTasks(), "no timer is left behind");
    }

    @Test
    void requestsAfterCloseAreDeniedAndWaitersAreDeniedOnClose() {
        bed.expectNow(mount(0), INODE, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        CompletableFuture<LeaseResponseType> waiting = bed.expectWait(mount(1), INODE, SHARED);
        bed.manager.close();
        assertAnswered(LeaseResponseType.DENIED, waiting);
        bed.expectNow(mount(2), INODE, SHARED, LeaseResponseType.DENIED);
        bed.assertAccess(mount(0), INODE, false, false);
        assertEquals(0, bed.clock.pendingTasks());
    }
}
