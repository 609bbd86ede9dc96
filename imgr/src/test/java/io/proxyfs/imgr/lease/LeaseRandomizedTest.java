package io.proxyfs.imgr.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.proxyfs.imgrapi.LeaseRequestType;
import io.proxyfs.imgrapi.LeaseResponseType;
import io.proxyfs.imgrapi.RpcInterruptType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several simulated mounts issue random lease requests on a few inodes, and now and then unmount,
 * while time moves randomly. The mounts answer every interrupt at once (as a well-behaved iclient
 * does), except, in the unreliable runs, one mount that answers late or not at all and so gets
 * expired (and then mounts again). After every step the manager must agree with what each mount was
 * told, no exclusive holder may share its inode, and no request may wait longer than a bound; at the
 * end every request must have been answered and nothing may be left behind.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LeaseRandomizedTest {

    private static final int MOUNTS = 5;
    private static final int INODES = 3;
    private static final int STEPS = 3000;
    private static final long MAX_WAIT_MILLIS = 10_000;

    private enum Held { NONE, SHARED, EXCLUSIVE }

    /** What one mount believes about one inode. */
    private static final class View {
        final LeaseHolder holder;
        final long inode;
        Held held = Held.NONE;
        LeaseRequestType pendingType;
        CompletableFuture<LeaseResponseType> pending;
        long pendingSinceNanos;
        boolean releaseAsked;
        boolean demoteAsked;

        View(LeaseHolder holder, long inode) {
            this.holder = holder;
            this.inode = inode;
        }
    }

    private enum Mode { COOPERATIVE, EVICTION, UNRELIABLE }

    private static final LeaseHolder UNRELIABLE_MOUNT = LeaseTestBed.mount(0);

    private LeaseTestBed bed;
    private Mode mode;
    private final Set<LeaseHolder> expiredMounts = ConcurrentHashMap.newKeySet();
    private final List<View> views = new ArrayList<>();
    private Random random;
    private String context;
    private boolean unmounting;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void cooperativeMountsWithoutEviction(long seed) {
        run(seed, new LeaseTestBed(), Mode.COOPERATIVE);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void cooperativeMountsUnderEvictionPressure(long seed) {
        run(seed, new LeaseTestBed(1, 2), Mode.EVICTION);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23, 24, 25, 26, 27, 28})
    void oneUnreliableMountGetsExpiredWithoutHarmingTheOthers(long seed) {
        run(seed, new LeaseTestBed(), Mode.UNRELIABLE);
        assertFalse(bed.expirer.all().isEmpty(), "the unreliable mount was expired at least once");
        assertTrue(bed.expirer.holders().stream().allMatch(UNRELIABLE_MOUNT::equals), "only the unreliable mount");
    }

    private void run(long seed, LeaseTestBed testBed, Mode runMode) {
        bed = testBed;
        mode = runMode;
        random = new Random(seed);
        bed.expirer.andThen(holder -> {
            expiredMounts.add(holder);
            bed.manager.releaseAll(holder);
        });
        for (int m = 0; m < MOUNTS; m++) {
            for (long inode = 1; inode <= INODES; inode++) {
                views.add(new View(LeaseTestBed.mount(m), inode));
            }
        }
        for (int step = 0; step < STEPS; step++) {
            context = "seed " + seed + " step " + step;
            int dice = random.nextInt(100);
            if (dice < 2) {
                unmount(views.get(random.nextInt(views.size())).holder);
            } else if (dice < 60) {
                randomRequest();
            } else {
                bed.clock.advanceMillis(random.nextInt(151));
            }
            settle();
            checkInvariants();
        }
        context = "seed " + seed + " draining";
        for (int round = 0; round < 200 && views.stream().anyMatch(v -> v.pending != null); round++) {
            bed.clock.advanceMillis(LeaseTestBed.INTERRUPT_INTERVAL_MILLIS);
            settle();
            checkInvariants();
        }
        assertTrue(views.stream().allMatch(v -> v.pending == null), context + ": a request was never answered");
        for (View view : views) {
            if (view.held != Held.NONE) {
                send(view, LeaseRequestType.RELEASE);
            }
        }
        settle();
        assertTrue(bed.manager.snapshot().inodes().isEmpty(), context + ": lease objects left behind");
        assertEquals(0, bed.clock.pendingTasks(), context + ": timers left behind");
        if (mode != Mode.UNRELIABLE) {
            assertTrue(bed.expirer.all().isEmpty(), context + ": a cooperative mount was expired");
        }
    }

    /** The mount goes away: every request it had waiting is DENIED and it holds nothing any more. */
    private void unmount(LeaseHolder holder) {
        bed.manager.releaseAll(holder);
        unmounting = true;
        collectAnswers();
        unmounting = false;
        for (View view : views) {
            if (view.holder.equals(holder)) {
                assertTrue(view.pending == null, context + ": a request survived the unmount");
                view.held = Held.NONE;
                view.releaseAsked = false;
                view.demoteAsked = false;
            }
        }
    }

    private void randomRequest() {
        List<View> idle = views.stream()
                .filter(v -> v.pending == null && !v.releaseAsked && !v.demoteAsked).toList();
        if (idle.isEmpty()) {
            return;
        }
        View view = idle.get(random.nextInt(idle.size()));
        LeaseRequestType type = switch (view.held) {
            case NONE -> random.nextBoolean() ? LeaseRequestType.SHARED : LeaseRequestType.EXCLUSIVE;
            case SHARED -> random.nextBoolean() ? LeaseRequestType.PROMOTE : LeaseRequestType.RELEASE;
            case EXCLUSIVE -> random.nextBoolean() ? LeaseRequestType.DEMOTE : LeaseRequestType.RELEASE;
        };
        send(view, type);
    }

    private void send(View view, LeaseRequestType type) {
        view.pendingType = type;
        view.pendingSinceNanos = bed.clock.nanoTime();
        view.pending = bed.manager.request(view.holder, view.inode, type);
        collectAnswers();
    }

    /** Takes in answers and interrupts, answering interrupts at once, until nothing more happens. */
    private void settle() {
        boolean progress = true;
        while (progress) {
            collectAnswers();
            for (RecordingInterruptSender.Sent sent : bed.interrupts.drain()) {
                View view = viewOf(sent.retryRpcClientId(), sent.interrupt().inodeNumber());
                assertTrue(sent.interrupt().rpcInterruptType() != RpcInterruptType.UNMOUNT, context);
                if (sent.interrupt().rpcInterruptType() == RpcInterruptType.RELEASE) {
                    view.releaseAsked = true;
                } else {
                    view.demoteAsked = true;
                }
            }
            for (LeaseHolder expired : List.copyOf(expiredMounts)) {
                expiredMounts.remove(expired);
                unmount(expired);
            }
            progress = false;
            for (View view : views) {
                if (mode == Mode.UNRELIABLE && view.holder.equals(UNRELIABLE_MOUNT) && random.nextInt(100) < 85) {
                    continue;
                }
                if (view.pending == null && (view.releaseAsked || view.demoteAsked)) {
                    boolean release = view.releaseAsked;
                    view.releaseAsked = false;
                    view.demoteAsked = false;
                    if (release && view.held != Held.NONE) {
                        send(view, LeaseRequestType.RELEASE);
                        progress = true;
                    } else if (!release && view.held == Held.EXCLUSIVE) {
                        send(view, LeaseRequestType.DEMOTE);
                        progress = true;
                    }
                }
            }
        }
    }

    private void collectAnswers() {
        for (View view : views) {
            if (view.pending != null && view.pending.isDone()) {
                LeaseResponseType answer = view.pending.join();
                apply(view, view.pendingType, answer);
                view.pending = null;
                view.pendingType = null;
            }
        }
    }

    private void apply(View view, LeaseRequestType type, LeaseResponseType answer) {
        String what = context + ": " + view.holder.mountId() + " inode " + view.inode + " " + type + " -> " + answer;
        switch (type) {
            case SHARED -> view.held = expectGrant(view, answer, LeaseResponseType.SHARED, Held.SHARED, what);
            case EXCLUSIVE -> view.held = expectGrant(view, answer, LeaseResponseType.EXCLUSIVE, Held.EXCLUSIVE, what);
            case PROMOTE -> {
                if (answer == LeaseResponseType.PROMOTED
                        || (answer == LeaseResponseType.EXCLUSIVE && mode == Mode.UNRELIABLE)) {
                    view.held = Held.EXCLUSIVE;
                } else if (answer != LeaseResponseType.DENIED) {
                    fail(what);
                } else if (expiredMounts.contains(view.holder)) {
                    view.held = Held.NONE;
                }
            }
            case DEMOTE -> {
                if (answer == LeaseResponseType.DEMOTED) {
                    view.held = Held.SHARED;
                } else if (answer != LeaseResponseType.DENIED) {
                    fail(what);
                }
            }
            case RELEASE -> {
                assertEquals(LeaseResponseType.RELEASED, answer, what);
                view.held = Held.NONE;
            }
        }
    }

    private Held expectGrant(View view, LeaseResponseType answer, LeaseResponseType granted, Held held,
            String what) {
        if (answer == granted) {
            return held;
        }
        assertEquals(LeaseResponseType.DENIED, answer, what);
        assertTrue(mode == Mode.EVICTION || view.holder.equals(UNRELIABLE_MOUNT) || unmounting, what);
        return Held.NONE;
    }

    private void checkInvariants() {
        LeaseSnapshot snapshot = bed.manager.snapshot();
        for (InodeLeaseSnapshot inode : snapshot.inodes()) {
            assertTrue(inode.state() != InodeLeaseState.NONE && inode.state() != InodeLeaseState.SHARED_EXPIRED
                    && inode.state() != InodeLeaseState.EXCLUSIVE_EXPIRED, context + ": visible state " + inode);
            boolean exclusive = inode.holders().stream().anyMatch(h -> h.state().mayWrite());
            if (exclusive) {
                assertEquals(1, inode.holders().size(), context + ": exclusive holder with company " + inode);
            }
            for (HolderSnapshot waiter : inode.waiters()) {
                View view = viewOf(waiter.holder().retryRpcClientId(), inode.inodeNumber());
                assertTrue(view.pending != null
                        && (view.pendingType == LeaseRequestType.SHARED
                        || view.pendingType == LeaseRequestType.EXCLUSIVE), context + ": unknown waiter");
            }
        }
        for (long inode = 1; inode <= INODES; inode++) {
            int writers = 0;
            int readers = 0;
            for (View view : views) {
                if (view.inode != inode) {
                    continue;
                }
                boolean read = bed.manager.mayRead(view.holder, inode);
                boolean write = bed.manager.mayWrite(view.holder, inode);
                String who = context + ": " + view.holder.mountId() + " inode " + inode + " believes " + view.held;
                assertEquals(view.held != Held.NONE, read, who);
                assertEquals(view.held == Held.EXCLUSIVE, write, who);
                writers += write ? 1 : 0;
                readers += read ? 1 : 0;
                if (view.pending != null) {
                    long waited = TimeUnit.NANOSECONDS.toMillis(bed.clock.nanoTime() - view.pendingSinceNanos);
                    assertFalse(waited > MAX_WAIT_MILLIS, who + ": " + view.pendingType + " waits " + waited + "ms");
                }
            }
            assertTrue(writers == 0 || readers == 1, context + ": a writer shares inode " + inode);
        }
    }

    private View viewOf(long retryRpcClientId, long inode) {
        return views.stream().filter(v -> v.holder.retryRpcClientId() == retryRpcClientId && v.inode == inode)
                .findFirst().orElseThrow();
    }
}
