package io.proxyfs.imgr.lease;

import static io.proxyfs.imgr.lease.LeaseTestBed.INTERRUPT_INTERVAL_MILLIS;
import static io.proxyfs.imgr.lease.LeaseTestBed.INTERRUPT_LIMIT;
import static io.proxyfs.imgr.lease.LeaseTestBed.assertAnswered;
import static io.proxyfs.imgr.lease.LeaseTestBed.mount;
import static io.proxyfs.imgrapi.LeaseRequestType.DEMOTE;
import static io.proxyfs.imgrapi.LeaseRequestType.EXCLUSIVE;
import static io.proxyfs.imgrapi.LeaseRequestType.RELEASE;
import static io.proxyfs.imgrapi.LeaseRequestType.SHARED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.imgrapi.LeaseResponseType;
import io.proxyfs.imgrapi.RpcInterruptType;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lease bugs of the original (design notes, Part B §8) that this port does not have. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LeaseBugRegressionTest {

    private final LeaseHolder a = mount(1);
    private final LeaseHolder b = mount(2);
    private final LeaseHolder c = mount(3);

    /** Fills a low=1/high=2 bed so that inode 1, held as given, is evicted. */
    private static void evictInodeOne(LeaseTestBed bed) {
        bed.expectNow(mount(8), 2, SHARED, LeaseResponseType.SHARED);
        bed.expectNow(mount(8), 3, SHARED, LeaseResponseType.SHARED);
        assertTrue(bed.manager.snapshot().inodes().stream()
                .anyMatch(i -> i.inodeNumber() == 1 && i.evicting()), "inode 1 is being evicted");
    }

    @Test
    void bug7EvictedLeaseThatTimesOutLeavesNoStaleEntryBehind() {
        LeaseTestBed bed = new LeaseTestBed(1, 2);
        bed.expectNow(a, 1, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        evictInodeOne(bed);
        bed.advanceMillis(INTERRUPT_LIMIT * INTERRUPT_INTERVAL_MILLIS);
        bed.assertAccess(a, 1, false, false);
        assertTrue(bed.expirer.all().isEmpty());
        // the original kept a None-state entry here, so these were Denied forever
        bed.expectNow(a, 1, SHARED, LeaseResponseType.SHARED);
        bed.expectNow(a, 1, RELEASE, LeaseResponseType.RELEASED);
        bed.expectNow(a, 1, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
    }

    @Test
    void bug8EvictionKeepsSendingDemoteToADemotingHolder() {
        LeaseTestBed bed = new LeaseTestBed(1, 2);
        bed.expectNow(a, 1, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        CompletableFuture<LeaseResponseType> shared = bed.expectWait(b, 1, SHARED);
        bed.passMinLeaseDuration();
        assertEquals(List.of(RpcInterruptType.DEMOTE), bed.interrupts.to(a, 1));
        evictInodeOne(bed);
        assertAnswered(LeaseResponseType.DENIED, shared);
        bed.advanceMillis(INTERRUPT_LIMIT * INTERRUPT_INTERVAL_MILLIS);
        assertEquals(Collections.nCopies(INTERRUPT_LIMIT, RpcInterruptType.DEMOTE), bed.interrupts.to(a, 1),
                "every resend matches the demotion asked for");
        assertTrue(bed.expirer.all().isEmpty());
        bed.assertAccess(a, 1, false, false);
    }

    @Test
    void bug8DemotingHolderThatDemotesDuringEvictionIsThenAskedToRelease() {
        LeaseTestBed bed = new LeaseTestBed(1, 2);
        bed.expectNow(a, 1, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        bed.expectWait(b, 1, SHARED);
        bed.passMinLeaseDuration();
        evictInodeOne(bed);
        bed.advanceMillis(INTERRUPT_INTERVAL_MILLIS);
        bed.expectNow(a, 1, DEMOTE, LeaseResponseType.DEMOTED);
        bed.assertAccess(a, 1, true, false);
        assertEquals(List.of(RpcInterruptType.DEMOTE, RpcInterruptType.DEMOTE, RpcInterruptType.RELEASE),
                bed.interrupts.to(a, 1));
        bed.expectNow(a, 1, RELEASE, LeaseResponseType.RELEASED);
        bed.assertAccess(a, 1, false, false);
    }

    @Test
    void bug9LoneSharedWaiterIsGrantedSharedWhenTheDemotingHolderReleases() {
        LeaseTestBed bed = new LeaseTestBed();
        bed.expectNow(a, 1, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        CompletableFuture<LeaseResponseType> shared = bed.expectWait(b, 1, SHARED);
        bed.passMinLeaseDuration();
        bed.expectNow(a, 1, RELEASE, LeaseResponseType.RELEASED);
        assertAnswered(LeaseResponseType.SHARED, shared);
        bed.assertAccess(b, 1, true, false);
    }

    @Test
    void bug9LoneSharedWaiterIsGrantedSharedWhenTheExclusiveHolderReleasesEarly() {
        LeaseTestBed bed = new LeaseTestBed();
        bed.expectNow(a, 1, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        CompletableFuture<LeaseResponseType> shared = bed.expectWait(b, 1, SHARED);
        bed.expectNow(a, 1, RELEASE, LeaseResponseType.RELEASED);
        assertAnswered(LeaseResponseType.SHARED, shared);
        bed.assertAccess(b, 1, true, false);
    }

    @Test
    void bug9LoneSharedWaiterIsGrantedSharedAfterTheHolderExpires() {
        LeaseTestBed bed = new LeaseTestBed();
        bed.expectNow(a, 1, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        CompletableFuture<LeaseResponseType> shared = bed.expectWait(b, 1, SHARED);
        bed.passMinLeaseDuration();
        bed.advanceMillis(INTERRUPT_LIMIT * INTERRUPT_INTERVAL_MILLIS);
        assertAnswered(LeaseResponseType.SHARED, shared);
        bed.assertAccess(b, 1, true, false);
        bed.expectNow(c, 1, SHARED, LeaseResponseType.SHARED);
    }
}
