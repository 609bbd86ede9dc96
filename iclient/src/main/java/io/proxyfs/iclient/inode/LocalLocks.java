package io.proxyfs.iclient.inode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * POSIX byte-range locks (fcntl F_GETLK/F_SETLK/F_SETLKW) and flock(2) locks among the processes
 * using this mount (the original returns ENOSYS; cluster-wide locks are not built: another client
 * does not see these). Owners are the kernel's lock owners. A range lock's end is inclusive;
 * {@code Long.MAX_VALUE} means "to the end of file".
 *
 * <p>Thread-safe: all state is guarded by this object; F_SETLKW and blocking flock wait on it.
 */
public final class LocalLocks {
    /** fcntl lock types. */
    public static final int F_RDLCK = 0;
    public static final int F_WRLCK = 1;
    public static final int F_UNLCK = 2;

    /** One held range. */
    public record Range(long owner, int type, long start, long end, long pid) {
        boolean overlaps(long s, long e) {
            return start <= e && s <= end;
        }
    }

    private final Map<Long, List<Range>> ranges = new HashMap<>();
    private final Map<Long, Map<Long, Boolean>> flocks = new HashMap<>();

    /** F_GETLK: the first lock of another owner that conflicts, or {@code null}. */
    public synchronized Range test(long inode, long owner, int type, long start, long end) {
        for (Range r : ranges.getOrDefault(inode, List.of())) {
            if (r.owner() != owner && r.overlaps(start, end) && (type == F_WRLCK || r.type() == F_WRLCK)) {
                return r;
            }
        }
        return null;
    }

    /**
     * F_SETLK / F_SETLKW: sets, changes or (F_UNLCK) removes the owner's lock on the range.
     *
     * @return false if another owner's lock conflicts and {@code wait} is false
     * @throws InterruptedException if waiting was interrupted
     */
    public synchronized boolean set(long inode, long owner, int type, long start, long end, long pid, boolean wait)
            throws InterruptedException {
        if (type != F_UNLCK) {
            while (test(inode, owner, type, start, end) != null) {
                if (!wait) {
                    return false;
                }
                wait();
            }
        }
        List<Range> list = ranges.computeIfAbsent(inode, k -> new ArrayList<>());
        List<Range> kept = new ArrayList<>();
        for (Range r : list) {
            if (r.owner() != owner || !r.overlaps(start, end)) {
                kept.add(r);
                continue;
            }
            if (r.start() < start) {
                kept.add(new Range(owner, r.type(), r.start(), start - 1, r.pid()));
            }
            if (r.end() > end) {
                kept.add(new Range(owner, r.type(), end + 1, r.end(), r.pid()));
            }
        }
        if (type != F_UNLCK) {
            kept.add(new Range(owner, type, start, end, pid));
        }
        if (kept.isEmpty()) {
            ranges.remove(inode);
        } else {
            ranges.put(inode, kept);
        }
        notifyAll();
        return true;
    }

    /**
     * flock(2): {@code exclusive} or shared; false if it conflicts and {@code wait} is false.
     */
    public synchronized boolean flock(long inode, long owner, boolean exclusive, boolean wait)
            throws InterruptedException {
        while (true) {
            Map<Long, Boolean> holders = flocks.computeIfAbsent(inode, k -> new HashMap<>());
            boolean conflict = false;
            for (Map.Entry<Long, Boolean> h : holders.entrySet()) {
                if (h.getKey() != owner && (exclusive || h.getValue())) {
                    conflict = true;
                    break;
                }
            }
            if (!conflict) {
                holders.put(owner, exclusive);
                return true;
            }
            if (!wait) {
                return false;
            }
            wait();
        }
    }

    /** flock(LOCK_UN), and what a close does for flock locks of its owner. */
    public synchronized void unflock(long inode, long owner) {
        Map<Long, Boolean> holders = flocks.get(inode);
        if (holders != null && holders.remove(owner) != null) {
            if (holders.isEmpty()) {
                flocks.remove(inode);
            }
            notifyAll();
        }
    }

    /** Drops every range lock of {@code owner} on the inode (a close). */
    public synchronized void releaseOwner(long inode, long owner) {
        List<Range> list = ranges.get(inode);
        if (list == null) {
            return;
        }
        Iterator<Range> it = list.iterator();
        boolean changed = false;
        while (it.hasNext()) {
            if (it.next().owner() == owner) {
                it.remove();
                changed = true;
            }
        }
        if (list.isEmpty()) {
            ranges.remove(inode);
        }
        if (changed) {
            notifyAll();
        }
    }

    /** Range locks and flock holders held now. */
    public synchronized int count() {
        int n = 0;
        for (List<Range> l : ranges.values()) {
            n += l.size();
        }
        for (Map<Long, Boolean> m : flocks.values()) {
            n += m.size();
        }
        return n;
    }
}
