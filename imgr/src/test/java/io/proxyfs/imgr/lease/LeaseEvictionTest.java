package io.proxyfs.imgr.lease;

import static io.proxyfs.imgr.lease.LeaseTestBed.INTERRUPT_INTERVAL_MILLIS;
import static io.proxyfs.imgr.lease.LeaseTestBed.INTERRUPT_LIMIT;
import static io.proxyfs.imgr.lease.LeaseTestBed.assertAnswered;
import static io.proxyfs.imgr.lease.LeaseTestBed.mount;
import static io.proxyfs.imgrapi.LeaseRequestType.EXCLUSIVE;
import static io.proxyfs.imgrapi.LeaseRequestType.PROMOTE;
import static io.proxyfs.imgrapi.LeaseRequestType.RELEASE;
import static io.proxyfs.imgrapi.LeaseRequestType.SHARED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.imgrapi.LeaseResponseType;
import io.proxyfs.imgrapi.RpcInterruptType;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** LeaseEvictLowLimit 2, LeaseEvictHighLimit 3. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LeaseEvictionTest {

    private final LeaseTestBed bed = new LeaseTestBed(2, 3);

    @Test
    void nothingIsEvictedUpToTheHighLimit() {
        for (long inode = 1; inode <= 3; inode++) {
            bed.expectNow(mount((int) inode), inode, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        }
        assertTrue(bed.interrupts.all().isEmpty());
        assertTrue(bed.manager.snapshot().inodes().stream().noneMatch(InodeLeaseSnapshot::evicting));
    }

    @Test
    void aboveTheHighLimitTheLeastRecentlyUsedAreEvictedDownToTheLowLimit() {
        for (long inode = 1; inode <= 3; inode++) {
            bed.expectNow(mount((int) inode), inode, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        }
        CompletableFuture<LeaseResponseType> waiterOnFirst = bed.expectWait(mount(9), 1, SHARED);
        // inode 1 was just used, so 2 and 3 are now the least recently used
        bed.expectNow(mount(4), 4, SHARED, LeaseResponseType.SHARED);

        Set<Long> evicting = bed.manager.snapshot().inodes().stream().filter(InodeLeaseSnapshot::evicting)
                .map(InodeLeaseSnapshot::inodeNumber).collect(Collectors.toSet());
        assertEquals(Set.of(2L, 3L), evicting);
        assertEquals(List.of(RpcInterruptType.RELEASE), bed.interrupts.to(mount(2), 2));
        assertEquals(List.of(RpcInterruptType.RELEASE), bed.interrupts.to(mount(3), 3));
        assertTrue(bed.interrupts.to(mount(1), 1).isEmpty());
        assertFalse(waiterOnFirst.isDone());

        bed.expectNow(mount(5), 2, SHARED, LeaseResponseType.DENIED);
        bed.expectNow(mount(2), 2, RELEASE, LeaseResponseType.RELEASED);
        assertEquals(Set.of(1L, 3L, 4L), inodes());

        bed.advanceMillis(INTERRUPT_LIMIT * INTERRUPT_INTERVAL_MILLIS);
        assertEquals(INTERRUPT_LIMIT, bed.interrupts.to(mount(3), 3).size());
        assertEquals(Set.of(1L, 4L), inodes());
        assertTrue(bed.expirer.all().isEmpty(), "eviction never expires a mount");
        bed.assertAccess(mount(3), 3, false, false);
        bed.expectNow(mount(3), 5, SHARED, LeaseResponseType.SHARED);
    }

    @Test
    void evictionDeniesWaitersAndPromotersAndReleasesSharedHolders() {
        bed.expectNow(mount(1), 1, SHARED, LeaseResponseType.SHARED);
        bed.expectNow(mount(2), 1, SHARED, LeaseResponseType.SHARED);
        CompletableFuture<LeaseResponseType> promotion = bed.expectWait(mount(1), 1, PROMOTE);
        CompletableFuture<LeaseResponseType> exclusive = bed.expectWait(mount(3), 1, EXCLUSIVE);
        for (long inode = 2; inode <= 4; inode++) {
            bed.expectNow(mount(4), inode, SHARED, LeaseResponseType.SHARED);
        }
        assertAnswered(LeaseResponseType.DENIED, promotion);
        assertAnswered(LeaseResponseType.DENIED, exclusive);
        assertEquals(List.of(RpcInterruptType.RELEASE), bed.interrupts.to(mount(1), 1));
        assertEquals(List.of(RpcInterruptType.RELEASE), bed.interrupts.to(mount(2), 1));
        bed.assertAccess(mount(1), 1, true, false);
        bed.assertAccess(mount(3), 1, false, false);
        bed.expectNow(mount(1), 1, RELEASE, LeaseResponseType.RELEASED);
        bed.expectNow(mount(2), 1, RELEASE, LeaseResponseType.RELEASED);
        assertEquals(Set.of(2L, 3L, 4L), inodes(), "inode 1 is gone once released; inode 2 is evicted too");
        assertEquals(1, bed.manager.snapshot().countsByState().get(InodeLeaseState.SHARED_RELEASING));
    }

    private Set<Long> inodes() {
        return bed.manager.snapshot().inodes().stream().map(InodeLeaseSnapshot::inodeNumber)
                .collect(Collectors.toSet());
    }
}
