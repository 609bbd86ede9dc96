package io.proxyfs.retryrpc;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The server's at-most-once memory for one client: every request id it has started, with the
 * reply once there is one. A request seen again (a retransmission after a reconnect) is answered
 * from here — at once if its first execution finished, when it finishes otherwise — and never
 * executed twice.
 *
 * <p>Entries leave by acknowledgement — the client's {@code highestReplySeen} says it has (or has
 * given up on) every reply up to that id — or when a completed reply is older than
 * {@code RetryRPCTTLCompleted}. A request at or below the acknowledged id that is no longer here
 * is stale and is not executed either.
 *
 * <p>Thread-safe: all methods synchronize on the cache; reply futures are completed outside the
 * lock, and their callbacks run on the completing thread.
 */
final class ReplyCache {

    /** What to do with an incoming request. */
    sealed interface Lookup permits Execute, Cached, InProgress, Stale {
    }

    /** New request: the caller executes it and then calls {@link ReplyCache#complete}. */
    record Execute(Entry entry) implements Lookup {
    }

    /** Already answered: send this reply body. */
    record Cached(byte[] reply) implements Lookup {
    }

    /** Being executed by an earlier copy: send the reply when this future completes. */
    record InProgress(CompletableFuture<byte[]> reply) implements Lookup {
    }

    /** At or below the acknowledged id and no longer cached: ignore it. */
    record Stale() implements Lookup {
    }

    /** One request id's slot. */
    static final class Entry {
        final long requestId;
        final CompletableFuture<byte[]> reply = new CompletableFuture<>();
        long completedNanos;

        Entry(long requestId) {
            this.requestId = requestId;
        }
    }

    private final TreeMap<Long, Entry> entries = new TreeMap<>(Long::compareUnsigned);
    private final ArrayDeque<Entry> completionOrder = new ArrayDeque<>();
    private long acknowledged;
    private long lastActivityNanos;

    ReplyCache(long nowNanos) {
        this.lastActivityNanos = nowNanos;
    }

    /** Records the client's {@code highestReplySeen}; it only ever grows. */
    synchronized void acknowledge(long highestReplySeen, long nowNanos) {
        lastActivityNanos = nowNanos;
        if (Long.compareUnsigned(highestReplySeen, acknowledged) > 0) {
            acknowledged = highestReplySeen;
        }
    }

    /** Classifies an incoming request and, when it is new, reserves its slot. */
    synchronized Lookup lookupOrReserve(long requestId, long nowNanos) {
        lastActivityNanos = nowNanos;
        Entry e = entries.get(requestId);
        if (e != null) {
            return e.reply.isDone() ? new Cached(e.reply.join()) : new InProgress(e.reply);
        }
        if (Long.compareUnsigned(requestId, acknowledged) <= 0) {
            return new Stale();
        }
        e = new Entry(requestId);
        entries.put(requestId, e);
        return new Execute(e);
    }

    /** Stores the reply of an executed request and wakes any retransmission waiting for it. */
    void complete(Entry e, byte[] reply, long nowNanos) {
        synchronized (this) {
            e.completedNanos = nowNanos;
            lastActivityNanos = nowNanos;
            if (entries.get(e.requestId) == e) {
                completionOrder.addLast(e);
            }
        }
        e.reply.complete(reply);
    }

    /** Drops completed replies the client has acknowledged; returns how many. */
    synchronized int trimAcknowledged() {
        int n = 0;
        Iterator<Map.Entry<Long, Entry>> it = entries.headMap(acknowledged, true).entrySet().iterator();
        while (it.hasNext()) {
            Entry e = it.next().getValue();
            if (e.reply.isDone()) {
                it.remove();
                n++;
            }
        }
        if (n > 0) {
            completionOrder.removeIf(e -> entries.get(e.requestId) != e);
        }
        return n;
    }

    /** Drops completed replies older than {@code ttlNanos}; returns how many. */
    synchronized int trimExpired(long nowNanos, long ttlNanos) {
        int n = 0;
        while (!completionOrder.isEmpty() && nowNanos - completionOrder.peekFirst().completedNanos > ttlNanos) {
            Entry e = completionOrder.pollFirst();
            if (entries.remove(e.requestId, e)) {
                n++;
            }
        }
        return n;
    }

    /** Entries held, in progress or completed. */
    synchronized int size() {
        return entries.size();
    }

    /** Whether nothing is held and nothing happened for {@code idleNanos}. */
    synchronized boolean isIdle(long nowNanos, long idleNanos) {
        return entries.isEmpty() && nowNanos - lastActivityNanos > idleNanos;
    }
}
