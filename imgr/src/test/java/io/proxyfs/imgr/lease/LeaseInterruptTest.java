package io.proxyfs.imgr.lease;

import static io.proxyfs.imgr.lease.LeaseTestBed.INTERRUPT_INTERVAL_MILLIS;
import static io.proxyfs.imgr.lease.LeaseTestBed.INTERRUPT_LIMIT;
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

import io.proxyfs.imgrapi.LeaseResponseType;
import io.proxyfs.imgrapi.RpcInterruptType;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LeaseInterruptTest {

    private static final long INODE = 7;

    private final LeaseTestBed bed = new LeaseTestBed();
    private final LeaseHolder a = mount(1);
    private final LeaseHolder b = mount(2);
    private final LeaseHolder c = mount(3);

    @Test
    void exclusiveHolderIsAskedToDemoteForASharedWaiterAfterMinLeaseDuration() {
        bed.expectNow(a, INODE, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        bed.passMinLeaseDuration();
        assertEquals(InodeLeaseState.EXCLUSIVE_GRANTED_LONG_AGO, bed.stateOf(INODE));

        CompletableFuture<LeaseResponseType> shared = bed.expectWait(b, INODE, SHARED);
        assertEquals(List.of(RpcInterruptType.DEMOTE), bed.interrupts.to(a, INODE));
        assertEquals(InodeLeaseState.EXCLUSIVE_DEMOTING, bed.stateOf(INODE));
        bed.assertAccess(a, INODE, true, true);

        bed.expectNow(a, INODE, DEMOTE, LeaseResponseType.DEMOTED);
        assertAnswered(LeaseResponseType.SHARED, shared);
        bed.assertAccess(a, INODE, true, false);
        bed.assertAccess(b, INODE, true, false);
        assertEquals(InodeLeaseState.SHARED_GRANTED_RECENTLY, bed.stateOf(INODE));
    }

    @Test
    void consecutiveSharedWaitersAreGrantedTogetherAndAnExclusiveOneAlone() {
        bed.expectNow(a, INODE, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        CompletableFuture<LeaseResponseType> s1 = bed.expectWait(b, INODE, SHARED);
        CompletableFuture<LeaseResponseType> s2 = bed.expectWait(c, INODE, SHARED);
        CompletableFuture<LeaseResponseType> x = bed.expectWait(mount(4), INODE, EXCLUSIVE);
        CompletableFuture<LeaseResponseType> s3 = bed.expectWait(mount(5), INODE, SHARED);
        bed.passMinLeaseDuration();
        assertEquals(List.of(RpcInterruptType.DEMOTE), bed.interrupts.to(a, INODE));
        bed.expectNow(a, INODE, RELEASE, LeaseResponseType.RELEASED);
        assertAnswered(LeaseResponseType.SHARED, s1);
        assertAnswered(LeaseResponseType.SHARED, s2);
        assertFalse(x.isDone());
        assertFalse(s3.isDone());

        bed.passMinLeaseDuration();
        assertEquals(List.of(RpcInterruptType.RELEASE), bed.interrupts.to(b, INODE));
        assertEquals(List.of(RpcInterruptType.RELEASE), bed.interrupts.to(c, INODE));
        bed.expectNow(b, INODE, RELEASE, LeaseResponseType.RELEASED);
        assertFalse(x.isDone(), "one shared holder still holds");
        bed.expectNow(c, INODE, RELEASE, LeaseResponseType.RELEASED);
        assertAnswered(LeaseResponseType.EXCLUSIVE, x);
        assertFalse(s3.isDone());
    }

    @Test
    void sharedHoldersAreAskedToReleaseForAnExclusiveWaiter() {
        bed.expectNow(a, INODE, SHARED, LeaseResponseType.SHARED);
        bed.expectNow(b, INODE, SHARED, LeaseResponseType.SHARED);
        CompletableFuture<LeaseResponseType> exclusive = bed.expectWait(c, INODE, EXCLUSIVE);
        assertTrue(bed.interrupts.all().isEmpty());
        bed.passMinLeaseDuration();
        assertEquals(List.of(RpcInterruptType.RELEASE), bed.interrupts.to(a, INODE));
        assertEquals(List.of(RpcInterruptType.RELEASE), bed.interrupts.to(b, INODE));
        assertEquals(InodeLeaseState.SHARED_RELEASING, bed.stateOf(INODE));
        bed.assertAccess(a, INODE, true, false);

        bed.expectNow(a, INODE, RELEASE, LeaseResponseType.RELEASED);
        assertFalse(exclusive.isDone());
        bed.expectNow(b, INODE, RELEASE, LeaseResponseType.RELEASED);
        assertAnswered(LeaseResponseType.EXCLUSIVE, exclusive);
        bed.assertAccess(c, INODE, true, true);
    }

    @Test
    void exclusiveHolderIsAskedToReleaseForAnExclusiveWaiter() {
        bed.expectNow(a, INODE, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        CompletableFuture<LeaseResponseType> exclusive = bed.expectWait(b, INODE, EXCLUSIVE);
        bed.passMinLeaseDuration();
        assertEquals(List.of(RpcInterruptType.RELEASE), bed.interrupts.to(a, INODE));
        bed.expectNow(a, INODE, DEMOTE, LeaseResponseType.DENIED);
        bed.assertAccess(a, INODE, true, true);
        bed.expectNow(a, INODE, RELEASE, LeaseResponseType.RELEASED);
        assertAnswered(LeaseResponseType.EXCLUSIVE, exclusive);
    }

    @Test
    void soleSharedHolderIsPromotedAtOnce() {
        bed.expectNow(a, INODE, SHARED, LeaseResponseType.SHARED);
        bed.expectNow(a, INODE, PROMOTE, LeaseResponseType.PROMOTED);
        bed.assertAccess(a, INODE, true, true);
        bed.passMinLeaseDuration();
        bed.expectNow(a, INODE, SHARED, LeaseResponseType.DENIED);
        bed.expectNow(a, INODE, PROMOTE, LeaseResponseType.DENIED);
        assertTrue(bed.interrupts.all().isEmpty());
    }

    @Test
    void promotionWithOtherHoldersWaitsForThemToRelease() {
        bed.expectNow(a, INODE, SHARED, LeaseResponseType.SHARED);
        bed.expectNow(b, INODE, SHARED, LeaseResponseType.SHARED);
        bed.expectNow(c, INODE, SHARED, LeaseResponseType.SHARED);
        CompletableFuture<LeaseResponseType> promotion = bed.expectWait(a, INODE, PROMOTE);
        bed.assertAccess(a, INODE, true, false);
        assertTrue(bed.interrupts.all().isEmpty(), "nobody is interrupted inside MinLeaseDuration");

        bed.passMinLeaseDuration();
        assertEquals(InodeLeaseState.SHARED_PROMOTING, bed.stateOf(INODE));
        assertEquals(Collections.emptyList(), bed.interrupts.to(a, INODE), "the promoter keeps its lease");
        assertEquals(List.of(RpcInterruptType.RELEASE), bed.interrupts.to(b, INODE));
        assertEquals(List.of(RpcInterruptType.RELEASE), bed.interrupts.to(c, INODE));

        bed.expectNow(b, INODE, RELEASE, LeaseResponseType.RELEASED);
        assertFalse(promotion.isDone());
        bed.expectNow(c, INODE, RELEASE, LeaseResponseType.RELEASED);
        assertAnswered(LeaseResponseType.PROMOTED, promotion);
        bed.assertAccess(a, INODE, true, true);
    }

    @Test
    void promotionAfterMinLeaseDurationInterruptsAtOnce() {
        bed.expectNow(a, INODE, SHARED, LeaseResponseType.SHARED);
        bed.expectNow(b, INODE, SHARED, LeaseResponseType.SHARED);
        bed.passMinLeaseDuration();
        CompletableFuture<LeaseResponseType> promotion = bed.expectWait(b, INODE, PROMOTE);
        assertEquals(List.of(RpcInterruptType.RELEASE), bed.interrupts.to(a, INODE));
        bed.expectNow(a, INODE, RELEASE, LeaseResponseType.RELEASED);
        assertAnswered(LeaseResponseType.PROMOTED, promotion);
    }

    @Test
    void secondConcurrentPromoterIsDenied() {
        bed.expectNow(a, INODE, SHARED, LeaseResponseType.SHARED);
        bed.expectNow(b, INODE, SHARED, LeaseResponseType.SHARED);
        CompletableFuture<LeaseResponseType> first = bed.expectWait(a, INODE, PROMOTE);
        bed.expectNow(b, INODE, PROMOTE, LeaseResponseType.DENIED);
        bed.passMinLeaseDuration();
        bed.expectNow(b, INODE, PROMOTE, LeaseResponseType.DENIED);
        bed.expectNow(b, INODE, RELEASE, LeaseResponseType.RELEASED);
        assertAnswered(LeaseResponseType.PROMOTED, first);
    }

    @Test
    void interruptsAreResentEveryIntervalAndTheSilentMountIsExpiredOnce() {
        bed.expectNow(a, INODE, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        bed.expectNow(a, INODE + 1, SHARED, LeaseResponseType.SHARED);
        CompletableFuture<LeaseResponseType> waiting = bed.expectWait(b, INODE, EXCLUSIVE);
        CompletableFuture<LeaseResponseType> behindOtherLease = bed.expectWait(c, INODE + 1, EXCLUSIVE);
        bed.passMinLeaseDuration();
        // the holder got a Release for each inode; it answers none of them
        for (int sent = 1; sent < INTERRUPT_LIMIT; sent++) {
            assertEquals(sent, bed.interrupts.to(a, INODE).size());
            bed.advanceMillis(INTERRUPT_INTERVAL_MILLIS);
        }
        assertEquals(Collections.nCopies(INTERRUPT_LIMIT, RpcInterruptType.RELEASE), bed.interrupts.to(a, INODE));
        assertFalse(waiting.isDone());
        assertTrue(bed.expirer.all().isEmpty());
        bed.assertAccess(a, INODE, true, true);

        bed.advanceMillis(INTERRUPT_INTERVAL_MILLIS);
        assertEquals(List.of(a), bed.expirer.holders(), "the mount is expired exactly once");
        assertTrue(bed.expirer.all().get(0).reason().contains("0000000000000007"), bed.expirer.all().get(0).reason());
        assertAnswered(LeaseResponseType.EXCLUSIVE, waiting);
        assertAnswered(LeaseResponseType.EXCLUSIVE, behindOtherLease);
        bed.assertAccess(a, INODE, false, false);
        bed.assertAccess(a, INODE + 1, false, false);
        bed.assertAccess(b, INODE, true, true);

        bed.expectNow(a, INODE + 2, SHARED, LeaseResponseType.DENIED);
        bed.advanceMillis(10 * INTERRUPT_INTERVAL_MILLIS);
        assertEquals(INTERRUPT_LIMIT, bed.interrupts.to(a, INODE).size(), "no interrupt after expiry");
        assertEquals(1, bed.expirer.all().size());

        bed.manager.releaseAll(a);
        bed.expectNow(a, INODE + 2, SHARED, LeaseResponseType.SHARED);
    }

    @Test
    void silentSharedHoldersAreDroppedAndThePromoterGetsExclusive() {
        bed.expectNow(a, INODE, SHARED, LeaseResponseType.SHARED);
        bed.expectNow(b, INODE, SHARED, LeaseResponseType.SHARED);
        bed.expectNow(c, INODE, SHARED, LeaseResponseType.SHARED);
        CompletableFuture<LeaseResponseType> promotion = bed.expectWait(a, INODE, PROMOTE);
        bed.passMinLeaseDuration();
        bed.expectNow(b, INODE, RELEASE, LeaseResponseType.RELEASED);
        bed.advanceMillis(INTERRUPT_LIMIT * INTERRUPT_INTERVAL_MILLIS);
        assertAnswered(LeaseResponseType.EXCLUSIVE, promotion);
        assertEquals(List.of(c), bed.expirer.holders());
        bed.assertAccess(a, INODE, true, true);
        bed.assertAccess(c, INODE, false, false);
    }

    @Test
    void silentDemotingHolderIsDroppedAndSharedWaitersAreGranted() {
        bed.expectNow(a, INODE, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        CompletableFuture<LeaseResponseType> s1 = bed.expectWait(b, INODE, SHARED);
        CompletableFuture<LeaseResponseType> s2 = bed.expectWait(c, INODE, SHARED);
        bed.passMinLeaseDuration();
        bed.advanceMillis(INTERRUPT_LIMIT * INTERRUPT_INTERVAL_MILLIS);
        assertEquals(Collections.nCopies(INTERRUPT_LIMIT, RpcInterruptType.DEMOTE), bed.interrupts.to(a, INODE));
        assertEquals(List.of(a), bed.expirer.holders());
        assertAnswered(LeaseResponseType.SHARED, s1);
        assertAnswered(LeaseResponseType.SHARED, s2);
        bed.expectNow(a, INODE, DEMOTE, LeaseResponseType.DENIED);
    }

    @Test
    void answeringJustBeforeTheLimitAvoidsExpiry() {
        bed.expectNow(a, INODE, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        CompletableFuture<LeaseResponseType> waiting = bed.expectWait(b, INODE, EXCLUSIVE);
        bed.passMinLeaseDuration();
        bed.advanceMillis(INTERRUPT_LIMIT * INTERRUPT_INTERVAL_MILLIS - 1);
        bed.expectNow(a, INODE, RELEASE, LeaseResponseType.RELEASED);
        assertAnswered(LeaseResponseType.EXCLUSIVE, waiting);
        bed.advanceMillis(10 * INTERRUPT_INTERVAL_MILLIS);
        assertTrue(bed.expirer.all().isEmpty());
        assertEquals(INTERRUPT_LIMIT, bed.interrupts.to(a, INODE).size());
    }

    @Test
    void unmountReleasesEverythingAndLetsWaitersProceed() {
        bed.expectNow(a, INODE, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        bed.expectNow(a, INODE + 1, SHARED, LeaseResponseType.SHARED);
        bed.expectNow(b, INODE + 1, SHARED, LeaseResponseType.SHARED);
        CompletableFuture<LeaseResponseType> exclusiveWaiter = bed.expectWait(b, INODE, EXCLUSIVE);
        CompletableFuture<LeaseResponseType> promotion = bed.expectWait(b, INODE + 1, PROMOTE);
        bed.expectNow(c, INODE + 2, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        CompletableFuture<LeaseResponseType> aWaits = bed.expectWait(a, INODE + 2, SHARED);

        bed.manager.releaseAll(a);

        assertAnswered(LeaseResponseType.EXCLUSIVE, exclusiveWaiter);
        assertAnswered(LeaseResponseType.PROMOTED, promotion);
        assertAnswered(LeaseResponseType.DENIED, aWaits);
        for (long inode = INODE; inode <= INODE + 2; inode++) {
            bed.assertAccess(a, inode, false, false);
        }
        bed.assertAccess(c, INODE + 2, true, true);
        bed.advanceMillis(20 * INTERRUPT_INTERVAL_MILLIS);
        assertTrue(bed.expirer.all().isEmpty());
    }

    @Test
    void unmountOfAPromoterDeniesThePromotion() {
        bed.expectNow(a, INODE, SHARED, LeaseResponseType.SHARED);
        bed.expectNow(b, INODE, SHARED, LeaseResponseType.SHARED);
        CompletableFuture<LeaseResponseType> promotion = bed.expectWait(a, INODE, PROMOTE);
        CompletableFuture<LeaseResponseType> exclusive = bed.expectWait(c, INODE, EXCLUSIVE);
        bed.passMinLeaseDuration();
        bed.manager.releaseAll(a);
        assertAnswered(LeaseResponseType.DENIED, promotion);
        assertFalse(exclusive.isDone());
        bed.expectNow(b, INODE, RELEASE, LeaseResponseType.RELEASED);
        assertAnswered(LeaseResponseType.EXCLUSIVE, exclusive);
    }

    @Test
    void expiryDeniesTheRequestsTheSilentMountIsWaitingFor() {
        bed.expectNow(a, INODE, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        CompletableFuture<LeaseResponseType> bWaits = bed.expectWait(b, INODE, SHARED);
        bed.advanceMillis(400);
        bed.expectNow(c, INODE + 1, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        CompletableFuture<LeaseResponseType> aWaits = bed.expectWait(a, INODE + 1, EXCLUSIVE);
        bed.advanceMillis(LeaseTestBed.MIN_LEASE_MILLIS + INTERRUPT_LIMIT * INTERRUPT_INTERVAL_MILLIS - 400);
        assertEquals(List.of(a), bed.expirer.holders());
        assertAnswered(LeaseResponseType.SHARED, bWaits);
        assertAnswered(LeaseResponseType.DENIED, aWaits);
        bed.expectNow(c, INODE + 1, RELEASE, LeaseResponseType.RELEASED);
        assertEquals(List.of(a), bed.expirer.holders(), "the holder that answered is not expired");
    }

    @Test
    void anExpirerMayCallBackIntoTheManager() {
        bed.expirer.andThen(bed.manager::releaseAll);
        bed.expectNow(a, INODE, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        CompletableFuture<LeaseResponseType> waiting = bed.expectWait(b, INODE, EXCLUSIVE);
        bed.passMinLeaseDuration();
        bed.advanceMillis(INTERRUPT_LIMIT * INTERRUPT_INTERVAL_MILLIS);
        assertAnswered(LeaseResponseType.EXCLUSIVE, waiting);
        assertEquals(List.of(a), bed.expirer.holders());
        bed.expectNow(a, INODE + 1, SHARED, LeaseResponseType.SHARED);
    }

    @Test
    void sharedRequestWaitsWhileAPromotionIsPending() {
        bed.expectNow(a, INODE, SHARED, LeaseResponseType.SHARED);
        bed.expectNow(b, INODE, SHARED, LeaseResponseType.SHARED);
        CompletableFuture<LeaseResponseType> promotion = bed.expectWait(a, INODE, PROMOTE);
        CompletableFuture<LeaseResponseType> lateShared = bed.expectWait(c, INODE, SHARED);
        bed.passMinLeaseDuration();
        bed.expectNow(b, INODE, RELEASE, LeaseResponseType.RELEASED);
        assertAnswered(LeaseResponseType.PROMOTED, promotion);
        assertFalse(lateShared.isDone());
        bed.passMinLeaseDuration();
        assertEquals(List.of(RpcInterruptType.DEMOTE), bed.interrupts.to(a, INODE));
        bed.expectNow(a, INODE, DEMOTE, LeaseResponseType.DEMOTED);
        assertAnswered(LeaseResponseType.SHARED, lateShared);
    }

    @Test
    void whenTheOnlyWaiterUnmountsTheInterruptedHolderKeepsItsLease() {
        bed.expectNow(a, INODE, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        bed.expectWait(b, INODE, SHARED);
        bed.passMinLeaseDuration();
        assertEquals(List.of(RpcInterruptType.DEMOTE), bed.interrupts.to(a, INODE));
        bed.manager.releaseAll(b);
        assertEquals(InodeLeaseState.EXCLUSIVE_GRANTED_LONG_AGO, bed.stateOf(INODE));
        bed.advanceMillis(2 * INTERRUPT_LIMIT * INTERRUPT_INTERVAL_MILLIS);
        assertEquals(1, bed.interrupts.to(a, INODE).size(), "no more interrupts");
        assertTrue(bed.expirer.all().isEmpty());
        bed.assertAccess(a, INODE, true, true);
        bed.expectNow(a, INODE, DEMOTE, LeaseResponseType.DEMOTED);
    }

    @Test
    void whenAPromoterUnmountsWithNobodyWaitingTheOtherHoldersKeepTheirLeases() {
        bed.expectNow(a, INODE, SHARED, LeaseResponseType.SHARED);
        bed.expectNow(b, INODE, SHARED, LeaseResponseType.SHARED);
        bed.expectNow(c, INODE, SHARED, LeaseResponseType.SHARED);
        bed.passMinLeaseDuration();
        bed.expectWait(a, INODE, PROMOTE);
        assertEquals(InodeLeaseState.SHARED_PROMOTING, bed.stateOf(INODE));
        bed.manager.releaseAll(a);
        assertEquals(InodeLeaseState.SHARED_GRANTED_LONG_AGO, bed.stateOf(INODE));
        bed.advanceMillis(2 * INTERRUPT_LIMIT * INTERRUPT_INTERVAL_MILLIS);
        assertTrue(bed.expirer.all().isEmpty());
        bed.assertAccess(b, INODE, true, false);
        bed.expectNow(b, INODE, RELEASE, LeaseResponseType.RELEASED);
        bed.assertAccess(c, INODE, true, false);
    }

    @Test
    void snapshotShowsHoldersWaitersAndCounts() {
        bed.expectNow(a, INODE, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        bed.expectWait(b, INODE, SHARED);
        bed.expectNow(c, INODE + 1, SHARED, LeaseResponseType.SHARED);
        bed.passMinLeaseDuration();
        LeaseSnapshot snapshot = bed.manager.snapshot();
        assertEquals(2, snapshot.inodes().size());
        InodeLeaseSnapshot first = snapshot.inodes().stream().filter(i -> i.inodeNumber() == INODE).findFirst()
                .orElseThrow();
        assertEquals(InodeLeaseState.EXCLUSIVE_DEMOTING, first.state());
        assertEquals(List.of(new HolderSnapshot(a, LeaseRequestState.EXCLUSIVE_DEMOTING)), first.holders());
        assertEquals(List.of(new HolderSnapshot(b, LeaseRequestState.SHARED_REQUESTED)), first.waiters());
        assertEquals(1, first.interruptsSent());
        assertEquals(LeaseTestBed.MIN_LEASE_MILLIS, first.sinceLastGrant().orElseThrow().toMillis());
        assertEquals(1, snapshot.countsByState().get(InodeLeaseState.EXCLUSIVE_DEMOTING));
        assertEquals(1, snapshot.countsByState().get(InodeLeaseState.SHARED_GRANTED_LONG_AGO));
        assertEquals(0, snapshot.countsByState().get(InodeLeaseState.NONE));
        assertEquals(InodeLeaseState.values().length, snapshot.countsByState().size());
    }
}
