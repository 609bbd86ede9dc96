package io.proxyfs.imgr.lease;

import io.proxyfs.imgrapi.LeaseRequestType;
import io.proxyfs.imgrapi.LeaseResponseType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leases of one served volume: grants Shared and Exclusive leases on inodes to mounts, queues
 * conflicting requests, interrupts holders that are in the way, takes leases away from mounts that do
 * not answer, and bounds the number of lease objects by evicting the least recently used.
 *
 * <p>The imgr layer calls {@link #request} for each {@code Lease} RPC, checks {@link #mayRead} or
 * {@link #mayWrite} before serving an inode table call (EMissingLease otherwise), and calls
 * {@link #releaseAll} when a mount unmounts or is dropped; that is also what makes the manager forget
 * the mount.
 *
 * <p>Thread-safe. All state sits behind one lock; replies are completed, interrupts sent and mounts
 * expired only after that lock is released (see the package documentation).
 */
public final class LeaseManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseManager.class);

    private final LeaseSettings settings;
    private final LeaseClock clock;
    private final InterruptSender interruptSender;
    private final MountExpirer mountExpirer;
    private final LeaseTimers timers = new Timers();

    private final ReentrantLock lock = new ReentrantLock();
    /** Lease objects by inode, least recently used first. */
    private final LinkedHashMap<Long, InodeLease> leases = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<LeaseHolder, MountLeases> mounts = new HashMap<>();
    private int evictingCount;
    private boolean closed;

    /**
     * @param settings lease timing and limits
     * @param clock time and timers
     * @param interruptSender delivers Demote and Release interrupts
     * @param mountExpirer told when a mount did not answer its interrupts
     */
    public LeaseManager(LeaseSettings settings, LeaseClock clock, InterruptSender interruptSender,
            MountExpirer mountExpirer) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interruptSender = Objects.requireNonNull(interruptSender, "interruptSender");
        this.mountExpirer = Objects.requireNonNull(mountExpirer, "mountExpirer");
    }

    /**
     * Handles a {@code Lease} RPC. The future completes when the request is answered: at once for a
     * grant without conflict, a Demote, a Release or a denial; later for a request that must wait.
     * Promote, Demote and Release without a matching lease, a second Shared or Exclusive request of
     * the same mount for the same inode, a second concurrent promoter, and any request of an expired
     * mount or after {@link #close()} are DENIED. If the state machine finds an impossible state the
     * future completes exceptionally with a {@link LeaseStateException}.
     */
    public CompletableFuture<LeaseResponseType> request(LeaseHolder holder, long inodeNumber,
            LeaseRequestType type) {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(type, "type");
        CompletableFuture<LeaseResponseType> reply = new CompletableFuture<>();
        Outcome outcome = new Outcome();
        lock.lock();
        try {
            handleRequest(holder, inodeNumber, type, reply, outcome);
        } catch (LeaseStateException e) {
            LOG.error("lease state machine failure", e);
            reply.completeExceptionally(e);
        } finally {
            lock.unlock();
        }
        outcome.deliver(interruptSender, mountExpirer);
        return reply;
    }

    private void handleRequest(LeaseHolder holder, long inodeNumber, LeaseRequestType type,
            CompletableFuture<LeaseResponseType> reply, Outcome outcome) {
        if (closed) {
            outcome.reply(reply, LeaseResponseType.DENIED);
            return;
        }
        boolean acquiring = type == LeaseRequestType.SHARED || type == LeaseRequestType.EXCLUSIVE;
        MountLeases mount = acquiring ? mounts.computeIfAbsent(holder, MountLeases::new) : mounts.get(holder);
        InodeLease lease = leases.get(inodeNumber);
        if (mount == null || mount.expired() || (lease == null && !acquiring)) {
            outcome.reply(reply, LeaseResponseType.DENIED);
            return;
        }
        boolean created = lease == null;
        if (created) {
            lease = new InodeLease(inodeNumber, settings, timers);
            leases.put(inodeNumber, lease);
        }
        lease.handle(mount, type, reply, outcome);
        settle(lease, outcome);
        if (created) {
            evictIfAboveHighLimit(outcome);
        }
    }

    /** Whether {@code holder} may read {@code inodeNumber} now (Shared or Exclusive lease held). */
    public boolean mayRead(LeaseHolder holder, long inodeNumber) {
        return stateOf(holder, inodeNumber).mayRead();
    }

    /** Whether {@code holder} may change {@code inodeNumber} now (Exclusive lease held). */
    public boolean mayWrite(LeaseHolder holder, long inodeNumber) {
        return stateOf(holder, inodeNumber).mayWrite();
    }

    private LeaseRequestState stateOf(LeaseHolder holder, long inodeNumber) {
        lock.lock();
        try {
            MountLeases mount = mounts.get(holder);
            LeaseRequest request = mount == null || mount.expired() ? null : mount.get(inodeNumber);
            return request == null ? LeaseRequestState.NONE : request.state();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Gives up every lease and request of {@code holder}, as on unmount, and forgets the holder:
     * its waiting requests are DENIED and the requests waiting behind its leases may proceed.
     */
    public void releaseAll(LeaseHolder holder) {
        Outcome outcome = new Outcome();
        lock.lock();
        try {
            MountLeases mount = mounts.remove(holder);
            if (mount != null) {
                forgetAll(mount, outcome);
            }
        } catch (LeaseStateException e) {
            LOG.error("lease state machine failure releasing all leases of mount {}", holder.mountId(), e);
        } finally {
            lock.unlock();
        }
        outcome.deliver(interruptSender, mountExpirer);
    }

    /**
     * Whether the inode has a lease object: someone holds, awaits or recently held a lease on it.
     * Promote, Demote and Release of an inode without one are refused before they reach
     * {@link #request} (the original's {@code ELeaseRequestDenied}).
     */
    public boolean hasLeaseObject(long inodeNumber) {
        lock.lock();
        try {
            return leases.containsKey(inodeNumber);
        } finally {
            lock.unlock();
        }
    }

    /** A consistent picture of every lease object, for status pages. */
    public LeaseSnapshot snapshot() {
        lock.lock();
        try {
            List<InodeLeaseSnapshot> inodes = new ArrayList<>(leases.size());
            for (InodeLease lease : leases.values()) {
                inodes.add(lease.snapshot());
            }
            return LeaseSnapshot.of(inodes);
        } finally {
            lock.unlock();
        }
    }

    /** Denies every waiting request, cancels every timer and refuses all further requests. */
    @Override
    public void close() {
        Outcome outcome = new Outcome();
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                for (InodeLease lease : leases.values()) {
                    lease.shutDown(outcome);
                }
                leases.clear();
                mounts.clear();
                evictingCount = 0;
            }
        } finally {
            lock.unlock();
        }
        outcome.deliver(interruptSender, mountExpirer);
    }

    // ----- inside the lock -----

    /**
     * Finishes a step on {@code lease}: expires the mounts found unresponsive (which gives up all
     * their other leases too) and drops lease objects that went idle.
     */
    private void settle(InodeLease lease, Outcome outcome) {
        dropIfIdle(lease);
        for (List<Outcome.Unresponsive> found = outcome.takeUnresponsive(); !found.isEmpty();
                found = outcome.takeUnresponsive()) {
            for (Outcome.Unresponsive unresponsive : found) {
                expireMount(unresponsive.mount(), unresponsive.reason(), outcome);
            }
        }
    }

    private void expireMount(MountLeases mount, String reason, Outcome outcome) {
        if (mount.expired() || mounts.get(mount.holder()) != mount) {
            return;
        }
        mount.markExpired();
        outcome.expire(mount, reason);
        forgetAll(mount, outcome);
    }

    private void forgetAll(MountLeases mount, Outcome outcome) {
        for (LeaseRequest request : mount.requests()) {
            InodeLease lease = request.lease();
            lease.forget(request, outcome);
            dropIfIdle(lease);
        }
    }

    private void dropIfIdle(InodeLease lease) {
        if (lease.isIdle() && leases.get(lease.inodeNumber()) == lease) {
            leases.remove(lease.inodeNumber());
            if (lease.isEvicting()) {
                evictingCount--;
            }
        }
    }

    private void evictIfAboveHighLimit(Outcome outcome) {
        long active = leases.size() - evictingCount;
        if (active <= settings.leaseEvictHighLimit()) {
            return;
        }
        List<InodeLease> victims = new ArrayList<>();
        for (Iterator<InodeLease> it = leases.values().iterator();
                it.hasNext() && active - victims.size() > settings.leaseEvictLowLimit(); ) {
            InodeLease lease = it.next();
            if (!lease.isEvicting()) {
                victims.add(lease);
            }
        }
        for (InodeLease victim : victims) {
            victim.startEviction(outcome);
            evictingCount++;
            dropIfIdle(victim);
        }
    }

    private void runTimerTask(InodeLease lease, Consumer<Outcome> task) {
        Outcome outcome = new Outcome();
        lock.lock();
        try {
            if (!closed) {
                task.accept(outcome);
                settle(lease, outcome);
            }
        } catch (LeaseStateException e) {
            LOG.error("lease state machine failure in a lease timer", e);
        } finally {
            lock.unlock();
        }
        outcome.deliver(interruptSender, mountExpirer);
    }

    /** Timers whose tasks run under this manager's lock. */
    private final class Timers implements LeaseTimers {
        @Override
        public Cancellable schedule(InodeLease lease, Duration delay, Consumer<Outcome> task) {
            return clock.schedule(delay, () -> runTimerTask(lease, task));
        }

        @Override
        public long nanoTime() {
            return clock.nanoTime();
        }
    }
}
