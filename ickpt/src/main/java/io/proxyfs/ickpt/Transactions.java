package io.proxyfs.ickpt;

import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Staged, uncommitted changes by transaction id, each expiring {@code TransactionTimeout} after it
 * was staged, plus the ids committed within the last {@code TransactionTimeout}, so that a
 * repeated POST (its first answer lost) is answered as the first was. Time comes from an injected
 * nanosecond clock. Expiry costs O(1) per call (amortized). Thread-safe: every method
 * synchronizes on the instance; nothing here does I/O.
 */
final class Transactions {
    /**
     * One staged change.
     *
     * @param key the volume (its checkpoint URL without the scheme)
     * @param value the new checkpoint text, or empty for a deletion
     * @param deadlineNanos when it expires, on the injected clock
     */
    record Stage(String key, Optional<byte[]> value, long deadlineNanos) {
    }

    private record Committed(String key, long deadlineNanos) {
    }

    private final LongSupplier clock;
    private final long timeoutNanos;
    // Insertion-ordered, and every entry lives the same timeout, so the oldest deadline is first:
    // a sweep stops at the first live entry (an entry replaced is removed and put again, at the end).
    private final Map<String, Stage> staged = new LinkedHashMap<>();
    private final Map<String, Committed> committed = new LinkedHashMap<>();
    private long expired;

    Transactions(LongSupplier clock, long timeoutNanos) {
        this.clock = clock;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Stages a change under {@code txn}, replacing an earlier stage of the same id for the same
     * volume; returns false (staging nothing) if the id is staged or was committed for another volume.
     */
    synchronized boolean stage(String txn, String key, Optional<byte[]> value) {
        sweep();
        Stage old = staged.get(txn);
        Committed done = committed.get(txn);
        if ((old != null && !old.key().equals(key)) || (done != null && !done.key().equals(key))) {
            return false;
        }
        committed.remove(txn);
        staged.remove(txn);
        staged.put(txn, new Stage(key, value.map(byte[]::clone), clock.getAsLong() + timeoutNanos));
        return true;
    }

    /** The live stage of {@code txn}, if any. */
    synchronized Optional<Stage> get(String txn) {
        sweep();
        return Optional.ofNullable(staged.get(txn));
    }

    /** Whether {@code txn} was committed for {@code key} within the timeout. */
    synchronized boolean wasCommitted(String txn, String key) {
        sweep();
        Committed c = committed.get(txn);
        return c != null && c.key().equals(key);
    }

    /** Marks {@code stage} of {@code txn} committed (if it is still the one staged). */
    synchronized void committed(String txn, Stage stage) {
        if (staged.get(txn) == stage) {
            staged.remove(txn);
        }
        committed.remove(txn);
        committed.put(txn, new Committed(stage.key(), clock.getAsLong() + timeoutNanos));
    }

    /** How many stages are live. */
    synchronized int stagedCount() {
        sweep();
        return staged.size();
    }

    /** How many stages expired uncommitted so far. */
    synchronized long expiredCount() {
        sweep();
        return expired;
    }

    private void sweep() {
        long now = clock.getAsLong();
        for (Iterator<Stage> it = staged.values().iterator(); it.hasNext();) {
            if (now - it.next().deadlineNanos() < 0) {
                break;
            }
            it.remove();
            expired++;
        }
        for (Iterator<Committed> it = committed.values().iterator(); it.hasNext();) {
            if (now - it.next().deadlineNanos() < 0) {
                break;
            }
            it.remove();
        }
    }
}
