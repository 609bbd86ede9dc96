package io.proxyfs.imgr.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.imgrapi.LeaseRequestType;
import io.proxyfs.imgrapi.LeaseResponseType;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A lease manager wired to a manual clock and recording collaborators, with short-hand for tests.
 * MinLeaseDuration 250ms, LeaseInterruptInterval 100ms, LeaseInterruptLimit 5 unless told otherwise.
 */
final class LeaseTestBed {

    static final long MIN_LEASE_MILLIS = 250;
    static final long INTERRUPT_INTERVAL_MILLIS = 100;
    static final int INTERRUPT_LIMIT = 5;

    final ManualLeaseClock clock = new ManualLeaseClock();
    final RecordingInterruptSender interrupts = new RecordingInterruptSender();
    final RecordingMountExpirer expirer = new RecordingMountExpirer();
    final LeaseManager manager;

    LeaseTestBed() {
        this(100, 110);
    }

    LeaseTestBed(long evictLow, long evictHigh) {
        LeaseSettings settings = new LeaseSettings(Duration.ofMillis(MIN_LEASE_MILLIS),
                Duration.ofMillis(INTERRUPT_INTERVAL_MILLIS), INTERRUPT_LIMIT, evictLow, evictHigh);
        manager = new LeaseManager(settings, clock, interrupts, expirer);
    }

    static LeaseHolder mount(int n) {
        return new LeaseHolder("mount-" + n, 1000 + n);
    }

    CompletableFuture<LeaseResponseType> request(LeaseHolder holder, long inode, LeaseRequestType type) {
        return manager.request(holder, inode, type);
    }

    /** Sends a request that must be answered at once, and checks the answer. */
    void expectNow(LeaseHolder holder, long inode, LeaseRequestType type, LeaseResponseType expected) {
        CompletableFuture<LeaseResponseType> reply = request(holder, inode, type);
        assertTrue(reply.isDone(), () -> type + " by " + holder.mountId() + " should be answered at once");
        assertEquals(expected, reply.join(), () -> type + " by " + holder.mountId());
    }

    /** Sends a request that must wait. */
    CompletableFuture<LeaseResponseType> expectWait(LeaseHolder holder, long inode, LeaseRequestType type) {
        CompletableFuture<LeaseResponseType> reply = request(holder, inode, type);
        assertFalse(reply.isDone(), () -> type + " by " + holder.mountId() + " should wait, got " + reply.getNow(null));
        return reply;
    }

    void advanceMillis(long millis) {
        clock.advanceMillis(millis);
    }

    /** Moves past the MinLeaseDuration of a grant made now. */
    void passMinLeaseDuration() {
        clock.advanceMillis(MIN_LEASE_MILLIS);
    }

    static void assertAnswered(LeaseResponseType expected, CompletableFuture<LeaseResponseType> reply) {
        assertTrue(reply.isDone(), () -> "expected " + expected + " but the request still waits");
        assertEquals(expected, reply.join());
    }

    void assertAccess(LeaseHolder holder, long inode, boolean read, boolean write) {
        assertEquals(read, manager.mayRead(holder, inode), () -> holder.mountId() + " mayRead");
        assertEquals(write, manager.mayWrite(holder, inode), () -> holder.mountId() + " mayWrite");
    }

    InodeLeaseState stateOf(long inode) {
        return manager.snapshot().inodes().stream().filter(i -> i.inodeNumber() == inode)
                .map(InodeLeaseSnapshot::state).findFirst().orElse(InodeLeaseState.NONE);
    }
}
