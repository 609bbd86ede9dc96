package io.proxyfs.imgr.lease;

import static io.proxyfs.imgr.lease.LeaseTestBed.mount;
import static io.proxyfs.imgrapi.LeaseRequestType.DEMOTE;
import static io.proxyfs.imgrapi.LeaseRequestType.EXCLUSIVE;
import static io.proxyfs.imgrapi.LeaseRequestType.PROMOTE;
import static io.proxyfs.imgrapi.LeaseRequestType.RELEASE;
import static io.proxyfs.imgrapi.LeaseRequestType.SHARED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proxyfs.imgrapi.LeaseResponseType;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** mayRead and mayWrite for a mount in every request state, reached through the manager. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LeaseAccessTest {

    private static final long INODE = 42;

    private final LeaseTestBed bed = new LeaseTestBed();
    private final LeaseHolder a = mount(1);
    private final LeaseHolder b = mount(2);
    private final LeaseHolder c = mount(3);

    @Test
    void tableMatchesTheOriginal() {
        Map<LeaseRequestState, boolean[]> expected = Map.of(
                LeaseRequestState.NONE, new boolean[] {false, false},
                LeaseRequestState.SHARED_REQUESTED, new boolean[] {false, false},
                LeaseRequestState.SHARED_GRANTED, new boolean[] {true, false},
                LeaseRequestState.SHARED_PROMOTING, new boolean[] {true, false},
                LeaseRequestState.SHARED_RELEASING, new boolean[] {true, false},
                LeaseRequestState.EXCLUSIVE_REQUESTED, new boolean[] {false, false},
                LeaseRequestState.EXCLUSIVE_GRANTED, new boolean[] {true, true},
                LeaseRequestState.EXCLUSIVE_DEMOTING, new boolean[] {true, true},
                LeaseRequestState.EXCLUSIVE_RELEASING, new boolean[] {true, true});
        assertEquals(LeaseRequestState.values().length, expected.size());
        expected.forEach((state, access) -> {
            assertEquals(access[0], state.mayRead(), state + " mayRead");
            assertEquals(access[1], state.mayWrite(), state + " mayWrite");
        });
    }

    @Test
    void noLease() {
        expect(a, LeaseRequestState.NONE, false, false);
    }

    @Test
    void sharedRequestedAndGranted() {
        bed.expectNow(a, INODE, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        bed.expectWait(b, INODE, SHARED);
        expect(b, LeaseRequestState.SHARED_REQUESTED, false, false);
        bed.expectNow(a, INODE, DEMOTE, LeaseResponseType.DEMOTED);
        expect(a, LeaseRequestState.SHARED_GRANTED, true, false);
        expect(b, LeaseRequestState.SHARED_GRANTED, true, false);
    }

    @Test
    void sharedPromotingAndReleasing() {
        bed.expectNow(a, INODE, SHARED, LeaseResponseType.SHARED);
        bed.expectNow(b, INODE, SHARED, LeaseResponseType.SHARED);
        bed.expectWait(a, INODE, PROMOTE);
        expect(a, LeaseRequestState.SHARED_PROMOTING, true, false);
        bed.passMinLeaseDuration();
        expect(b, LeaseRequestState.SHARED_RELEASING, true, false);
        expect(a, LeaseRequestState.SHARED_PROMOTING, true, false);
        bed.expectNow(b, INODE, RELEASE, LeaseResponseType.RELEASED);
        expect(b, LeaseRequestState.NONE, false, false);
    }

    @Test
    void exclusiveRequestedGrantedAndReleasing() {
        bed.expectNow(a, INODE, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        expect(a, LeaseRequestState.EXCLUSIVE_GRANTED, true, true);
        bed.expectWait(b, INODE, EXCLUSIVE);
        expect(b, LeaseRequestState.EXCLUSIVE_REQUESTED, false, false);
        bed.passMinLeaseDuration();
        expect(a, LeaseRequestState.EXCLUSIVE_RELEASING, true, true);
        bed.expectNow(a, INODE, RELEASE, LeaseResponseType.RELEASED);
        expect(a, LeaseRequestState.NONE, false, false);
        expect(b, LeaseRequestState.EXCLUSIVE_GRANTED, true, true);
    }

    @Test
    void exclusiveDemotingThenExpired() {
        bed.expectNow(a, INODE, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        bed.expectWait(b, INODE, SHARED);
        bed.passMinLeaseDuration();
        expect(a, LeaseRequestState.EXCLUSIVE_DEMOTING, true, true);
        bed.advanceMillis(LeaseTestBed.INTERRUPT_LIMIT * LeaseTestBed.INTERRUPT_INTERVAL_MILLIS);
        expect(a, LeaseRequestState.NONE, false, false);
        expect(b, LeaseRequestState.SHARED_GRANTED, true, false);
    }

    @Test
    void otherMountsAndInodesAreUnaffected() {
        bed.expectNow(a, INODE, EXCLUSIVE, LeaseResponseType.EXCLUSIVE);
        bed.assertAccess(c, INODE, false, false);
        bed.assertAccess(a, INODE + 1, false, false);
    }

    private void expect(LeaseHolder holder, LeaseRequestState state, boolean read, boolean write) {
        LeaseRequestState actual = bed.manager.snapshot().inodes().stream()
                .filter(i -> i.inodeNumber() == INODE)
                .flatMap(i -> java.util.stream.Stream.concat(i.holders().stream(), i.waiters().stream()))
                .filter(h -> h.holder().equals(holder))
                .map(HolderSnapshot::state)
                .findFirst().orElse(LeaseRequestState.NONE);
        assertEquals(state, actual, holder.mountId() + " request state");
        bed.assertAccess(holder, INODE, read, write);
    }
}
