package io.proxyfs.imgr.lease;

import static io.proxyfs.imgr.lease.InodeLeaseState.EXCLUSIVE_DEMOTING;
import static io.proxyfs.imgr.lease.InodeLeaseState.EXCLUSIVE_EXPIRED;
import static io.proxyfs.imgr.lease.InodeLeaseState.EXCLUSIVE_GRANTED_LONG_AGO;
import static io.proxyfs.imgr.lease.InodeLeaseState.EXCLUSIVE_GRANTED_RECENTLY;
import static io.proxyfs.imgr.lease.InodeLeaseState.EXCLUSIVE_RELEASING;
import static io.proxyfs.imgr.lease.InodeLeaseState.NONE;
import static io.proxyfs.imgr.lease.InodeLeaseState.SHARED_EXPIRED;
import static io.proxyfs.imgr.lease.InodeLeaseState.SHARED_GRANTED_LONG_AGO;
import static io.proxyfs.imgr.lease.InodeLeaseState.SHARED_GRANTED_RECENTLY;
import static io.proxyfs.imgr.lease.InodeLeaseState.SHARED_PROMOTING;
import static io.proxyfs.imgr.lease.InodeLeaseState.SHARED_RELEASING;

import io.proxyfs.imgrapi.LeaseRequestType;
import io.proxyfs.imgrapi.LeaseResponseType;
import io.proxyfs.imgrapi.RpcInterruptType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The lease state machine of one inode: its holders, its FIFO of waiters, the MinLeaseDuration
 * window and the interrupt rounds. Every method runs under the manager's lock and records what must
 * happen afterwards in an {@link Outcome}. Not thread-safe on its own.
 *
 * <p>Invariants: while shared holders (or a promoter) exist there is no exclusive or demoting holder;
 * {@code releasing} holds shared holders in the SHARED_* states and at most the one exclusive holder
 * in EXCLUSIVE_RELEASING; the state is NONE exactly when nobody holds or waits.
 */
final class InodeLease {

    private final long inodeNumber;
    private final LeaseSettings settings;
    private final LeaseTimers timers;

    private InodeLeaseState state = NONE;
    private final LinkedHashSet<LeaseRequest> sharedHolders = new LinkedHashSet<>();
    private LeaseRequest promoter;
    private LeaseRequest exclusiveHolder;
    private LeaseRequest demotingHolder;
    private final LinkedHashSet<LeaseRequest> releasing = new LinkedHashSet<>();
    private final LinkedHashSet<LeaseRequest> waiters = new LinkedHashSet<>();

    private Timer recentWindow;
    private Timer interruptTimer;
    private int interruptsSent;
    private long lastGrantNanos;
    private boolean everGranted;
    private boolean evicting;

    /** A scheduled task of this lease; a task that finds itself no longer current does nothing. */
    private static final class Timer {
        private Cancellable handle;

        void cancel() {
            handle.cancel();
        }
    }

    InodeLease(long inodeNumber, LeaseSettings settings, LeaseTimers timers) {
        this.inodeNumber = inodeNumber;
        this.settings = settings;
        this.timers = timers;
    }

    long inodeNumber() {
        return inodeNumber;
    }

    boolean isIdle() {
        return state == NONE;
    }

    boolean isEvicting() {
        return evicting;
    }

    // ----- requests -----

    /** Handles one Lease request of {@code mount}; the answer goes to {@code reply} now or later. */
    void handle(MountLeases mount, LeaseRequestType type, CompletableFuture<LeaseResponseType> reply,
            Outcome outcome) {
        LeaseRequest existing = mount.get(inodeNumber);
        switch (type) {
            case SHARED, EXCLUSIVE -> {
                if (existing != null || evicting) {
                    outcome.reply(reply, LeaseResponseType.DENIED);
                } else {
                    LeaseRequestState wanted = type == LeaseRequestType.SHARED
                            ? LeaseRequestState.SHARED_REQUESTED
                            : LeaseRequestState.EXCLUSIVE_REQUESTED;
                    acquire(new LeaseRequest(mount, this, wanted, reply), outcome);
                }
            }
            case PROMOTE -> promote(existing, reply, outcome);
            case DEMOTE -> demote(existing, reply, outcome);
            case RELEASE -> release(existing, reply, outcome);
        }
    }

    private void acquire(LeaseRequest request, Outcome outcome) {
        request.mount().put(request);
        boolean shared = request.state() == LeaseRequestState.SHARED_REQUESTED;
        switch (state) {
            case NONE -> {
                if (shared) {
                    grantShared(request, outcome);
                    state = SHARED_GRANTED_RECENTLY;
                } else {
                    grantExclusive(request, LeaseResponseType.EXCLUSIVE, outcome);
                }
                startRecentWindow();
            }
            case SHARED_GRANTED_RECENTLY, SHARED_GRANTED_LONG_AGO -> {
                if (shared && waiters.isEmpty() && promoter == null) {
                    grantShared(request, outcome);
                    state = SHARED_GRANTED_RECENTLY;
                    startRecentWindow();
                } else {
                    waiters.add(request);
                    interruptHoldersIfDue(outcome);
                }
            }
            case SHARED_PROMOTING, SHARED_RELEASING, EXCLUSIVE_GRANTED_RECENTLY, EXCLUSIVE_GRANTED_LONG_AGO,
                    EXCLUSIVE_DEMOTING, EXCLUSIVE_RELEASING -> {
                waiters.add(request);
                interruptHoldersIfDue(outcome);
            }
            case SHARED_EXPIRED, EXCLUSIVE_EXPIRED ->
                throw new LeaseStateException(inodeNumber, state, request.state(), "a new request");
        }
    }

    private void promote(LeaseRequest request, CompletableFuture<LeaseResponseType> reply, Outcome outcome) {
        if (request == null || request.state() != LeaseRequestState.SHARED_GRANTED || promoter != null) {
            outcome.reply(reply, LeaseResponseType.DENIED);
            return;
        }
        if (state != SHARED_GRANTED_RECENTLY && state != SHARED_GRANTED_LONG_AGO) {
            throw new LeaseStateException(inodeNumber, state, request.state(), "Promote");
        }
        sharedHolders.remove(request);
        request.setPendingReply(reply);
        request.setState(LeaseRequestState.SHARED_PROMOTING);
        promoter = request;
        if (sharedHolders.isEmpty()) {
            completePromotion(LeaseResponseType.PROMOTED, outcome);
        } else {
            interruptHoldersIfDue(outcome);
        }
    }

    private void demote(LeaseRequest request, CompletableFuture<LeaseResponseType> reply, Outcome outcome) {
        LeaseRequestState requestState = request == null ? LeaseRequestState.NONE : request.state();
        switch (requestState) {
            case EXCLUSIVE_GRANTED -> {
                cancelRecentWindow();
                exclusiveHolder = null;
                outcome.reply(reply, LeaseResponseType.DEMOTED);
                keepAsSharedAndGrantSharedWaiters(request, outcome);
            }
            case EXCLUSIVE_DEMOTING -> {
                cancelInterruptRound();
                demotingHolder = null;
                outcome.reply(reply, LeaseResponseType.DEMOTED);
                if (evicting) {
                    request.setState(LeaseRequestState.SHARED_RELEASING);
                    releasing.add(request);
                    state = SHARED_RELEASING;
                    startInterruptRound(outcome);
                } else {
                    keepAsSharedAndGrantSharedWaiters(request, outcome);
                }
            }
            default -> outcome.reply(reply, LeaseResponseType.DENIED);
        }
    }

    private void release(LeaseRequest request, CompletableFuture<LeaseResponseType> reply, Outcome outcome) {
        LeaseRequestState requestState = request == null ? LeaseRequestState.NONE : request.state();
        switch (requestState) {
            case SHARED_GRANTED, SHARED_RELEASING, EXCLUSIVE_GRANTED, EXCLUSIVE_DEMOTING, EXCLUSIVE_RELEASING -> {
                outcome.reply(reply, LeaseResponseType.RELEASED);
                relinquish(request, outcome);
            }
            default -> outcome.reply(reply, LeaseResponseType.DENIED);
        }
    }

    /**
     * Ends {@code request} whatever its state, as when its mount unmounts or expires: a waiting or
     * promoting request is answered DENIED, a held lease is given up and waiters may proceed.
     */
    void forget(LeaseRequest request, Outcome outcome) {
        switch (request.state()) {
            case SHARED_REQUESTED, EXCLUSIVE_REQUESTED -> {
                waiters.remove(request);
                request.finish();
                outcome.reply(request.takePendingReply(), LeaseResponseType.DENIED);
                standDownIfNobodyWaits();
            }
            case SHARED_PROMOTING -> {
                promoter = null;
                request.finish();
                outcome.reply(request.takePendingReply(), LeaseResponseType.DENIED);
                if (state == SHARED_PROMOTING) {
                    state = SHARED_RELEASING;
                }
                standDownIfNobodyWaits();
            }
            case SHARED_GRANTED, SHARED_RELEASING, EXCLUSIVE_GRANTED, EXCLUSIVE_DEMOTING, EXCLUSIVE_RELEASING ->
                relinquish(request, outcome);
            case NONE -> throw new LeaseStateException(inodeNumber, state, request.state(), "forgetting a request");
        }
    }

    /** {@code holder} no longer holds its lease; whoever can proceed is granted. */
    private void relinquish(LeaseRequest holder, Outcome outcome) {
        LeaseRequestState held = holder.state();
        holder.finish();
        switch (held) {
            case SHARED_GRANTED -> {
                sharedHolders.remove(holder);
                if (sharedHolders.isEmpty()) {
                    cancelRecentWindow();
                    if (promoter != null) {
                        completePromotion(LeaseResponseType.PROMOTED, outcome);
                    } else {
                        grantFromQueue(outcome);
                    }
                }
            }
            case SHARED_RELEASING -> {
                releasing.remove(holder);
                if (releasing.isEmpty()) {
                    cancelInterruptRound();
                    if (state == SHARED_PROMOTING) {
                        completePromotion(LeaseResponseType.PROMOTED, outcome);
                    } else {
                        grantFromQueue(outcome);
                    }
                }
            }
            case EXCLUSIVE_GRANTED -> {
                cancelRecentWindow();
                exclusiveHolder = null;
                grantFromQueue(outcome);
            }
            case EXCLUSIVE_DEMOTING -> {
                cancelInterruptRound();
                demotingHolder = null;
                grantFromQueue(outcome);
            }
            case EXCLUSIVE_RELEASING -> {
                cancelInterruptRound();
                releasing.remove(holder);
                grantFromQueue(outcome);
            }
            default -> throw new LeaseStateException(inodeNumber, state, held, "giving up a lease");
        }
    }

    // ----- granting -----

    private void grantShared(LeaseRequest request, Outcome outcome) {
        request.setState(LeaseRequestState.SHARED_GRANTED);
        sharedHolders.add(request);
        outcome.reply(request.takePendingReply(), LeaseResponseType.SHARED);
    }

    private void grantExclusive(LeaseRequest request, LeaseResponseType response, Outcome outcome) {
        request.setState(LeaseRequestState.EXCLUSIVE_GRANTED);
        exclusiveHolder = request;
        state = EXCLUSIVE_GRANTED_RECENTLY;
        outcome.reply(request.takePendingReply(), response);
    }

    private void completePromotion(LeaseResponseType response, Outcome outcome) {
        LeaseRequest promoted = promoter;
        promoter = null;
        grantExclusive(promoted, response, outcome);
        startRecentWindow();
    }

    private void keepAsSharedAndGrantSharedWaiters(LeaseRequest demoted, Outcome outcome) {
        demoted.setState(LeaseRequestState.SHARED_GRANTED);
        sharedHolders.add(demoted);
        grantLeadingSharedWaiters(outcome);
        state = SHARED_GRANTED_RECENTLY;
        startRecentWindow();
    }

    private void grantLeadingSharedWaiters(Outcome outcome) {
        Iterator<LeaseRequest> it = waiters.iterator();
        while (it.hasNext()) {
            LeaseRequest next = it.next();
            if (next.state() != LeaseRequestState.SHARED_REQUESTED) {
                return;
            }
            it.remove();
            grantShared(next, outcome);
        }
    }

    /**
     * Nobody holds the lease any more: grant the first waiter, with all Shared waiters right behind
     * it if it wants Shared, or go idle.
     */
    private void grantFromQueue(Outcome outcome) {
        if (!sharedHolders.isEmpty() || promoter != null || exclusiveHolder != null || demotingHolder != null
                || !releasing.isEmpty()) {
            throw new LeaseStateException(inodeNumber, state, null, "granting while the lease is still held");
        }
        if (waiters.isEmpty()) {
            state = NONE;
            return;
        }
        LeaseRequest first = waiters.iterator().next();
        if (first.state() == LeaseRequestState.SHARED_REQUESTED) {
            grantLeadingSharedWaiters(outcome);
            state = SHARED_GRANTED_RECENTLY;
        } else {
            waiters.remove(first);
            grantExclusive(first, LeaseResponseType.EXCLUSIVE, outcome);
        }
        startRecentWindow();
    }

    // ----- MinLeaseDuration window -----

    private void startRecentWindow() {
        cancelRecentWindow();
        lastGrantNanos = timers.nanoTime();
        everGranted = true;
        Timer timer = new Timer();
        recentWindow = timer;
        timer.handle = timers.schedule(this, settings.minLeaseDuration(), outcome -> recentWindowEnded(timer, outcome));
    }

    private void cancelRecentWindow() {
        if (recentWindow != null) {
            recentWindow.cancel();
            recentWindow = null;
        }
    }

    private void recentWindowEnded(Timer timer, Outcome outcome) {
        if (recentWindow != timer) {
            return;
        }
        recentWindow = null;
        switch (state) {
            case SHARED_GRANTED_RECENTLY -> state = SHARED_GRANTED_LONG_AGO;
            case EXCLUSIVE_GRANTED_RECENTLY -> state = EXCLUSIVE_GRANTED_LONG_AGO;
            default -> throw new LeaseStateException(inodeNumber, state, null, "the end of MinLeaseDuration");
        }
        interruptHoldersIfDue(outcome);
    }

    // ----- interrupts -----

    /** Once the grant is no longer recent, asks the holders to make way for a promoter or waiter. */
    private void interruptHoldersIfDue(Outcome outcome) {
        switch (state) {
            case SHARED_GRANTED_LONG_AGO -> {
                if (promoter != null || !waiters.isEmpty()) {
                    state = promoter != null ? SHARED_PROMOTING : SHARED_RELEASING;
                    moveSharedHoldersToReleasing();
                    startInterruptRound(outcome);
                }
            }
            case EXCLUSIVE_GRANTED_LONG_AGO -> {
                if (!waiters.isEmpty()) {
                    LeaseRequest holder = exclusiveHolder;
                    exclusiveHolder = null;
                    if (waiters.iterator().next().state() == LeaseRequestState.SHARED_REQUESTED) {
                        holder.setState(LeaseRequestState.EXCLUSIVE_DEMOTING);
                        demotingHolder = holder;
                        state = EXCLUSIVE_DEMOTING;
                    } else {
                        holder.setState(LeaseRequestState.EXCLUSIVE_RELEASING);
                        releasing.add(holder);
                        state = EXCLUSIVE_RELEASING;
                    }
                    startInterruptRound(outcome);
                }
            }
            default -> {
                // still recent, or an interrupt round is already under way
            }
        }
    }

    /**
     * When the last request that holders were interrupted for is withdrawn, the holders keep their
     * leases (as granted long ago) instead of being pushed out, and possibly expired, for nobody.
     * Their answer to the interrupt, if it still comes, is accepted as a plain Release or Demote.
     */
    private void standDownIfNobodyWaits() {
        if (evicting || promoter != null || !waiters.isEmpty()) {
            return;
        }
        switch (state) {
            case SHARED_RELEASING -> {
                cancelInterruptRound();
                for (LeaseRequest holder : releasing) {
                    holder.setState(LeaseRequestState.SHARED_GRANTED);
                    sharedHolders.add(holder);
                }
                releasing.clear();
                state = SHARED_GRANTED_LONG_AGO;
            }
            case EXCLUSIVE_DEMOTING, EXCLUSIVE_RELEASING -> {
                cancelInterruptRound();
                LeaseRequest holder = demotingHolder != null ? demotingHolder : releasing.iterator().next();
                demotingHolder = null;
                releasing.clear();
                holder.setState(LeaseRequestState.EXCLUSIVE_GRANTED);
                exclusiveHolder = holder;
                state = EXCLUSIVE_GRANTED_LONG_AGO;
            }
            default -> {
                // nobody was interrupted
            }
        }
    }

    private void moveSharedHoldersToReleasing() {
        for (LeaseRequest holder : sharedHolders) {
            holder.setState(LeaseRequestState.SHARED_RELEASING);
            releasing.add(holder);
        }
        sharedHolders.clear();
    }

    private void startInterruptRound(Outcome outcome) {
        cancelInterruptRound();
        sendInterrupts(outcome);
        interruptsSent = 1;
        scheduleNextInterrupt();
    }

    private void cancelInterruptRound() {
        if (interruptTimer != null) {
            interruptTimer.cancel();
            interruptTimer = null;
        }
        interruptsSent = 0;
    }

    private void scheduleNextInterrupt() {
        Timer timer = new Timer();
        interruptTimer = timer;
        timer.handle = timers.schedule(this, settings.leaseInterruptInterval(),
                outcome -> interruptTimerFired(timer, outcome));
    }

    /** Sends each holder in the way the interrupt that matches what it was asked to do. */
    private void sendInterrupts(Outcome outcome) {
        if (demotingHolder != null) {
            outcome.interrupt(demotingHolder.holder(), RpcInterruptType.DEMOTE, inodeNumber);
        }
        for (LeaseRequest holder : releasing) {
            outcome.interrupt(holder.holder(), RpcInterruptType.RELEASE, inodeNumber);
        }
    }

    private void interruptTimerFired(Timer timer, Outcome outcome) {
        if (interruptTimer != timer) {
            return;
        }
        interruptTimer = null;
        if (interruptsSent < settings.leaseInterruptLimit()) {
            sendInterrupts(outcome);
            interruptsSent++;
            scheduleNextInterrupt();
        } else {
            interruptsSent = 0;
            takeAwayFromUnresponsiveHolders(outcome);
        }
    }

    /**
     * The holders did not answer LeaseInterruptLimit interrupts: their leases are taken away and, unless
     * the lease is being evicted, their mounts are reported unresponsive. A promoter is then granted
     * EXCLUSIVE (not PROMOTED, as in the original); otherwise the waiters are.
     */
    private void takeAwayFromUnresponsiveHolders(Outcome outcome) {
        List<LeaseRequest> dropped = new ArrayList<>(releasing);
        releasing.clear();
        if (demotingHolder != null) {
            dropped.add(demotingHolder);
            demotingHolder = null;
        }
        String interrupt = switch (state) {
            case SHARED_PROMOTING, SHARED_RELEASING -> {
                state = SHARED_EXPIRED;
                yield "Release";
            }
            case EXCLUSIVE_DEMOTING -> {
                state = EXCLUSIVE_EXPIRED;
                yield "Demote";
            }
            case EXCLUSIVE_RELEASING -> {
                state = EXCLUSIVE_EXPIRED;
                yield "Release";
            }
            default -> throw new LeaseStateException(inodeNumber, state, null, "interrupt limit reached");
        };
        String reason = String.format("no answer to %d %s interrupts for inode %016X",
                settings.leaseInterruptLimit(), interrupt, inodeNumber);
        for (LeaseRequest holder : dropped) {
            holder.finish();
            if (!evicting) {
                outcome.unresponsive(holder.mount(), reason);
            }
        }
        if (promoter != null) {
            completePromotion(LeaseResponseType.EXCLUSIVE, outcome);
        } else {
            grantFromQueue(outcome);
        }
    }

    // ----- eviction and shutdown -----

    /**
     * Starts taking this lease object away to bound the number of lease objects: waiters and a
     * promoter are DENIED, holders are told to release (a holder already told to demote may still
     * demote first), and holders that do not answer in time are dropped without expiring their mount.
     * New Shared and Exclusive requests are DENIED from now on.
     */
    void startEviction(Outcome outcome) {
        evicting = true;
        denyWaiters(outcome);
        cancelRecentWindow();
        if (promoter != null) {
            outcome.reply(promoter.takePendingReply(), LeaseResponseType.DENIED);
            promoter.setState(LeaseRequestState.SHARED_RELEASING);
            releasing.add(promoter);
            promoter = null;
        }
        switch (state) {
            case SHARED_GRANTED_RECENTLY, SHARED_GRANTED_LONG_AGO, SHARED_PROMOTING -> {
                moveSharedHoldersToReleasing();
                state = SHARED_RELEASING;
                startInterruptRound(outcome);
            }
            case EXCLUSIVE_GRANTED_RECENTLY, EXCLUSIVE_GRANTED_LONG_AGO -> {
                exclusiveHolder.setState(LeaseRequestState.EXCLUSIVE_RELEASING);
                releasing.add(exclusiveHolder);
                exclusiveHolder = null;
                state = EXCLUSIVE_RELEASING;
                startInterruptRound(outcome);
            }
            case SHARED_RELEASING, EXCLUSIVE_DEMOTING, EXCLUSIVE_RELEASING, NONE -> {
                // the current round goes on; its holders already know what to do
            }
            case SHARED_EXPIRED, EXCLUSIVE_EXPIRED ->
                throw new LeaseStateException(inodeNumber, state, null, "eviction");
        }
    }

    /** Stops for good: every pending reply is DENIED and no timer fires any more. */
    void shutDown(Outcome outcome) {
        denyWaiters(outcome);
        if (promoter != null) {
            outcome.reply(promoter.takePendingReply(), LeaseResponseType.DENIED);
        }
        cancelRecentWindow();
        cancelInterruptRound();
    }

    private void denyWaiters(Outcome outcome) {
        for (LeaseRequest waiter : waiters) {
            waiter.finish();
            outcome.reply(waiter.takePendingReply(), LeaseResponseType.DENIED);
        }
        waiters.clear();
    }

    // ----- status -----

    InodeLeaseSnapshot snapshot() {
        List<HolderSnapshot> holders = new ArrayList<>();
        sharedHolders.forEach(h -> holders.add(h.snapshot()));
        for (LeaseRequest single : new LeaseRequest[] {promoter, exclusiveHolder, demotingHolder}) {
            if (single != null) {
                holders.add(single.snapshot());
            }
        }
        releasing.forEach(h -> holders.add(h.snapshot()));
        List<HolderSnapshot> queued = new ArrayList<>();
        waiters.forEach(w -> queued.add(w.snapshot()));
        Optional<Duration> sinceLastGrant = everGranted
                ? Optional.of(Duration.ofNanos(timers.nanoTime() - lastGrantNanos))
                : Optional.empty();
        return new InodeLeaseSnapshot(inodeNumber, state, holders, queued, interruptsSent, sinceLastGrant, evicting);
    }
}
