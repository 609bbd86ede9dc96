package io.proxyfs.iclient.lease;

import io.proxyfs.iclient.rpc.ImgrClient;
import io.proxyfs.imgrapi.ImgrRpcException;
import io.proxyfs.imgrapi.LeaseRequestType;
import io.proxyfs.imgrapi.LeaseResponseType;
import io.proxyfs.imgrapi.RpcInterrupt;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leases this client holds, one entry per inode (the original's {@code lease.go}, plus the
 * interrupt handling it lacks).
 *
 * <p>{@link #acquire} asks imgr for a Shared or Exclusive lease, or a Promote from Shared; a
 * denied Promote (another client promotes first) gives the Shared lease up and asks for Exclusive.
 * imgr's Demote and Release interrupts are handled on a pool thread: the {@link LeaseHolder}
 * writes back what is dirty and drops what the lease no longer covers, then the Demote/Release
 * request is sent. An interrupt for a lease not (or no longer) held is ignored.
 *
 * <p>Thread-safety: thread-safe. Each entry has a lock serialising the requests for its inode (imgr
 * denies a second request from the same mount); it is held across the RPC, but never while the
 * caller holds the file-system lock. The state is volatile, read without the entry lock. A
 * released lease's entry leaves the table; a thread that locked it meanwhile sees that and works
 * on the table's current entry instead, so no grant or release is ever recorded on an entry the
 * table no longer shows.
 */
public final class LeaseTable implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseTable.class);
    private static final int DENIED_RETRIES = 50;
    /** Leases beyond the caps are given up only once unused for this long. */
    public static final Duration TRIM_IDLE = Duration.ofSeconds(30);

    /** One inode's lease. */
    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        volatile LeaseState state = LeaseState.NONE;
        volatile long lastUsedNanos = System.nanoTime();
        /** Which grant this is: changes whenever the lease is taken anew after having none. */
        volatile long grant;
    }

    private final AtomicLong grants = new AtomicLong();

    private final ImgrClient imgr;
    private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();
    private final ExecutorService interrupts = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "iclient-lease-interrupt");
        t.setDaemon(true);
        return t;
    });
    private final Duration retryDelay;
    private final int retryVariancePercent;
    private final long maxShared;
    private final long maxExclusive;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong demotes = new AtomicLong();
    private final AtomicLong releases = new AtomicLong();
    private volatile LeaseHolder holder;
    private final Duration trimIdle;

    /**
     * @param imgr where lease requests go
     * @param retryDelay pause before asking again after a denial (InodeLockRetryDelay)
     * @param retryVariancePercent its random variance (InodeLockRetryDelayVariance)
     * @param maxShared MaxSharedLeases: above this many, idle shared leases are released by {@link #trim}
     * @param maxExclusive MaxExclusiveLeases: likewise for exclusive leases
     */
    public LeaseTable(ImgrClient imgr, Duration retryDelay, int retryVariancePercent, long maxShared,
            long maxExclusive) {
        this(imgr, retryDelay, retryVariancePercent, maxShared, maxExclusive, TRIM_IDLE);
    }

    /** As above, with {@code trimIdle} in place of {@link #TRIM_IDLE} (tests). */
    public LeaseTable(ImgrClient imgr, Duration retryDelay, int retryVariancePercent, long maxShared,
            long maxExclusive, Duration trimIdle) {
        this.trimIdle = trimIdle;
        this.imgr = imgr;
        this.retryDelay = retryDelay;
        this.retryVariancePercent = retryVariancePercent;
        this.maxShared = maxShared;
        this.maxExclusive = maxExclusive;
    }

    /** Installs the file system's side (once, before the first lease). */
    public void setHolder(LeaseHolder holder) {
        this.holder = holder;
    }

    /** MaxSharedLeases: how many Shared leases this client means to keep at most. */
    public long maxShared() {
        return maxShared;
    }

    /** The lease held on {@code inode} now. */
    public LeaseState state(long inode) {
        Entry e = entries.get(inode);
        return e == null ? LeaseState.NONE : e.state;
    }

    /**
     * Identifies the current grant of {@code inode}'s lease (0 if none): equal values before and
     * after some work mean the lease was held throughout.
     */
    public long grant(long inode) {
        Entry e = entries.get(inode);
        return e == null || e.state == LeaseState.NONE ? 0 : e.grant;
    }

    /** Work that needs a lease held while it runs (an imgr call imgr checks the lease for). */
    @FunctionalInterface
    public interface LeasedWork<T> {
        T run() throws IOException, ImgrRpcException;
    }

    /**
     * Runs {@code work} while grant {@code grant} of {@code inode}'s lease is held, keeping it
     * held throughout: the entry stays locked, so a Demote or Release interrupt, a trim or a
     * denied Promote waits for the work before it gives the lease up (and before it tells imgr).
     * Call without the file-system lock (an interrupt holding the entry takes it).
     *
     * @return what {@code work} returned, or null without running it if that grant is no longer
     *     held (the caller takes the lease again)
     */
    public <T> T whileHeld(long inode, long grant, LeasedWork<T> work) throws IOException, ImgrRpcException {
        Entry e = entries.get(inode);
        if (e == null || grant == 0) {
            return null;
        }
        e.lock.lock();
        try {
            if (entries.get(inode) != e || e.state == LeaseState.NONE || e.grant != grant) {
                return null;
            }
            return work.run();
        } finally {
            e.lock.unlock();
        }
    }

    /** Notes that {@code inode}'s lease was just used (for {@link #trim}'s LRU order). */
    public void touch(long inode) {
        Entry e = entries.get(inode);
        if (e != null) {
            e.lastUsedNanos = System.nanoTime();
        }
    }

    /**
     * Makes sure this client holds at least {@code wanted} on {@code inode}, asking imgr (and
     * waiting for it) if not.
     *
     * <p>The entry is taken from the table and then locked; if the lease was released meanwhile
     * (a trim, an interrupt), the entry has left the table, and a lease obtained into it would be
     * one imgr records but this table forgot (never released, its interrupts ignored). So the
     * request goes through the entry the table holds after locking, whichever that is.
     */
    public void acquire(long inode, LeaseState wanted) throws IOException, ImgrRpcException {
        int attempt = 0;
        while (true) {
            Entry e = entries.computeIfAbsent(inode, k -> new Entry());
            e.lock.lock();
            try {
                if (entries.get(inode) != e) {
                    continue; // released and removed while we waited for its lock
                }
                if (request(inode, e, wanted, attempt)) {
                    e.lastUsedNanos = System.nanoTime();
                    return;
                }
                attempt++; // a denied Promote gave the lease up (and removed the entry): again
            } finally {
                e.lock.unlock();
            }
        }
    }

    /**
     * With {@code e} locked and in the table: asks imgr until {@code wanted} is held (true), or
     * until a denied Promote made it give the Shared lease up, which removes {@code e} (false).
     */
    private boolean request(long inode, Entry e, LeaseState wanted, int attempt) throws IOException,
            ImgrRpcException {
        for (; !e.state.covers(wanted); attempt++) {
            if (attempt >= DENIED_RETRIES) {
                throw new IOException("imgr kept denying a " + wanted + " lease on inode "
                        + Long.toUnsignedString(inode));
            }
            requests.incrementAndGet();
            if (e.state == LeaseState.SHARED) {
                LeaseResponseType r = imgr.lease(inode, LeaseRequestType.PROMOTE);
                if (r == LeaseResponseType.PROMOTED || r == LeaseResponseType.EXCLUSIVE) {
                    e.state = LeaseState.EXCLUSIVE;
                    continue;
                }
                // Another client promotes first: give ours up and queue for Exclusive.
                giveUp(inode, e, LeaseState.NONE);
                return false;
            }
            LeaseResponseType r = imgr.lease(inode, wanted == LeaseState.SHARED ? LeaseRequestType.SHARED
                    : LeaseRequestType.EXCLUSIVE);
            switch (r) {
                case SHARED -> {
                    e.grant = grants.incrementAndGet();
                    e.state = LeaseState.SHARED;
                }
                case EXCLUSIVE -> {
                    e.grant = grants.incrementAndGet();
                    e.state = LeaseState.EXCLUSIVE;
                }
                default -> {
                    // imgr may believe this mount holds the lease already (a request whose
                    // reply was lost): give that one back, then ask again.
                    try {
                        imgr.lease(inode, LeaseRequestType.RELEASE);
                    } catch (ImgrRpcException ignored) {
                        // ELeaseRequestDenied: it did not hold one
                    }
                    pause();
                }
            }
        }
        return true;
    }

    /** Hands an interrupt to a pool thread (never blocks the upcall thread). */
    public void onInterrupt(RpcInterrupt interrupt) {
        switch (interrupt.rpcInterruptType()) {
            case DEMOTE -> interrupts.execute(() -> surrender(interrupt.inodeNumber(), LeaseState.SHARED));
            case RELEASE -> interrupts.execute(() -> surrender(interrupt.inodeNumber(), LeaseState.NONE));
            case UNMOUNT -> interrupts.execute(this::unmounted);
            default -> LOG.warn("ignoring unknown interrupt {}", interrupt);
        }
    }

    /**
     * imgr says it unmounted this client. The interrupt does not say which mount: it may be
     * about one already replaced by a new Mount (whose leases are valid). A cheap call tells:
     * if imgr no longer knows the current MountID, the client mounts again and the leases are
     * dropped through {@link #lost()}; if it does, the interrupt was about an older mount.
     */
    private void unmounted() {
        try {
            imgr.volumeStatus();
        } catch (io.proxyfs.iclient.rpc.RemountedException e) {
            LOG.debug("mounted again after imgr's Unmount interrupt");
        } catch (IOException | ImgrRpcException e) {
            LOG.warn("after imgr's Unmount interrupt: {}", e.toString());
        }
    }

    /** Every lease is gone (imgr forgot or unmounted this mount). */
    public void lost() {
        LOG.warn("all leases lost ({} held)", entries.size());
        for (Entry e : entries.values()) {
            e.state = LeaseState.NONE;
        }
        entries.clear();
        LeaseHolder h = holder;
        if (h != null) {
            h.leasesLost();
        }
    }

    /** Demotes or releases one lease because imgr asked; ignores it if not held. */
    void surrender(long inode, LeaseState target) {
        while (true) {
            Entry e = entries.get(inode);
            if (e == null) {
                return;
            }
            e.lock.lock();
            try {
                if (entries.get(inode) != e) {
                    continue;                   // given up meanwhile: look at the current entry
                }
                if (e.state.ordinal() <= target.ordinal()) {
                    return;
                }
                giveUp(inode, e, target);
                return;
            } catch (io.proxyfs.iclient.rpc.RemountedException ex) {
                LOG.debug("lease on inode {} went with the old mount", Long.toUnsignedString(inode));
                return;
            } catch (Exception ex) {
                LOG.error("cannot give up the lease on inode {}: {}", Long.toUnsignedString(inode),
                        ex.toString());
                return;
            } finally {
                e.lock.unlock();
            }
        }
    }

    /** With {@code e} locked: write back, drop, record the new state, tell imgr. */
    private void giveUp(long inode, Entry e, LeaseState target) throws IOException, ImgrRpcException {
        LeaseHolder h = holder;
        try {
            if (h != null) {
                h.surrender(inode, target, () -> e.state = target);
            } else {
                e.state = target;
            }
        } catch (IOException | ImgrRpcException | RuntimeException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new IOException(ex);
        }
        if (target == LeaseState.SHARED) {
            demotes.incrementAndGet();
            imgr.lease(inode, LeaseRequestType.DEMOTE);
        } else {
            releases.incrementAndGet();
            imgr.lease(inode, LeaseRequestType.RELEASE);
            entries.remove(inode, e);
        }
    }

    /** Demotes (or releases) a lease on this client's own initiative, e.g. from the status page. */
    public boolean giveUpNow(long inode, LeaseState target) {
        Entry e = entries.get(inode);
        if (e == null || e.state.ordinal() <= target.ordinal()) {
            return false;
        }
        surrender(inode, target);
        return true;
    }

    /** Releases every lease (unmount); failures are logged. */
    public void releaseAll() {
        for (Long inode : new ArrayList<>(entries.keySet())) {
            surrender(inode, LeaseState.NONE);
        }
    }

    /**
     * Gives up the least recently used leases beyond MaxSharedLeases and MaxExclusiveLeases,
     * except those of {@code busy} inodes (open files), once idle for the trim delay: a Shared
     * lease is released, an Exclusive one demoted to Shared (its inode stays cached, so a program
     * that wrote many files and then reads or stats them does not take every lease again; the
     * Shared cap then applies to it). Called periodically.
     */
    public void trim(java.util.function.LongPredicate busy) {
        trim(LeaseState.SHARED, maxShared, busy);
        trim(LeaseState.EXCLUSIVE, maxExclusive, busy);
    }

    private void trim(LeaseState state, long max, java.util.function.LongPredicate busy) {
        // Counted first: under the cap (the usual case, once a second) nothing is copied.
        long count = 0;
        for (Entry e : entries.values()) {
            if (e.state == state) {
                count++;
            }
        }
        if (count <= max) {
            return;
        }
        // (inode, last use) pairs copied once: the live values change while we sort.
        List<long[]> held = new ArrayList<>();
        for (Map.Entry<Long, Entry> m : entries.entrySet()) {
            if (m.getValue().state == state) {
                held.add(new long[] {m.getKey(), m.getValue().lastUsedNanos});
            }
        }
        if (held.size() <= max) {
            return;
        }
        // Least recently used first; only leases idle for a while go, so a working set larger
        // than the cap (ls -l of a big directory) is not released and taken again in a loop.
        long idleBefore = System.nanoTime() - trimIdle.toNanos();
        held.sort(Comparator.comparingLong(m -> m[1]));
        int excess = held.size() - (int) Math.min(max, Integer.MAX_VALUE);
        for (int i = 0; i < held.size() && excess > 0; i++) {
            long[] m = held.get(i);
            if (m[1] - idleBefore > 0) {
                break;
            }
            if (!busy.test(m[0])) {
                surrender(m[0], state == LeaseState.EXCLUSIVE ? LeaseState.SHARED : LeaseState.NONE);
                excess--;
            }
        }
    }

    /** The leases held, by inode number. */
    public Map<Long, LeaseState> snapshot() {
        Map<Long, LeaseState> out = new TreeMap<>(Long::compareUnsigned);
        entries.forEach((k, v) -> {
            if (v.state != LeaseState.NONE) {
                out.put(k, v.state);
            }
        });
        return out;
    }

    /** Counters for /stats. */
    public Map<String, Long> stats() {
        return Map.of("leaseRequests", requests.get(), "leaseDemotes", demotes.get(), "leaseReleases",
                releases.get(), "leasesHeld", (long) snapshot().size());
    }

    private void pause() {
        long nanos = retryDelay.toNanos();
        long variance = nanos * retryVariancePercent / 100;
        long sleep = Math.max(1_000_000, nanos - (variance > 0 ? ThreadLocalRandom.current().nextLong(variance) : 0));
        try {
            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        interrupts.shutdownNow();
    }
}
