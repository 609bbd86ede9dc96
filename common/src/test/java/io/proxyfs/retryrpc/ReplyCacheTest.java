package io.proxyfs.retryrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ReplyCacheTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void newThenInProgressThenCached() {
        ReplyCache c = new ReplyCache(0);
        ReplyCache.Execute x = assertInstanceOf(ReplyCache.Execute.class, c.lookupOrReserve(1, 0));
        ReplyCache.InProgress p = assertInstanceOf(ReplyCache.InProgress.class, c.lookupOrReserve(1, 0));
        assertFalse(p.reply().isDone());
        c.complete(x.entry(), new byte[] {9}, 1);
        assertArrayEquals(new byte[] {9}, p.reply().join(), "a waiting retransmission gets the first execution's reply");
        ReplyCache.Cached hit = assertInstanceOf(ReplyCache.Cached.class, c.lookupOrReserve(1, 2));
        assertArrayEquals(new byte[] {9}, hit.reply());
    }

    @Test
    void acknowledgementTrimsCompletedRepliesOnlyAndMakesOlderIdsStale() {
        ReplyCache c = new ReplyCache(0);
        ReplyCache.Execute[] x = new ReplyCache.Execute[5];
        for (int i = 1; i <= 4; i++) {
            x[i] = (ReplyCache.Execute) c.lookupOrReserve(i, 0);
        }
        c.complete(x[1].entry(), new byte[] {1}, 0);
        c.complete(x[3].entry(), new byte[] {3}, 0);
        c.complete(x[4].entry(), new byte[] {4}, 0);
        c.acknowledge(3, 0);
        c.acknowledge(1, 0);
        assertEquals(2, c.trimAcknowledged(), "1 and 3 trimmed; 2 still running; 4 not acknowledged");
        assertEquals(2, c.size());
        assertInstanceOf(ReplyCache.Stale.class, c.lookupOrReserve(1, 0), "acknowledged and gone: never re-executed");
        assertInstanceOf(ReplyCache.InProgress.class, c.lookupOrReserve(2, 0));
        c.complete(x[2].entry(), new byte[] {2}, 0);
        assertEquals(1, c.trimAcknowledged());
        assertInstanceOf(ReplyCache.Cached.class, c.lookupOrReserve(4, 0));
        assertInstanceOf(ReplyCache.Execute.class, c.lookupOrReserve(5, 0));
    }

    @Test
    void ttlTrimsOldCompletedRepliesInCompletionOrder() {
        ReplyCache c = new ReplyCache(0);
        ReplyCache.Execute a = (ReplyCache.Execute) c.lookupOrReserve(1, 0);
        ReplyCache.Execute b = (ReplyCache.Execute) c.lookupOrReserve(2, 0);
        ReplyCache.Execute running = (ReplyCache.Execute) c.lookupOrReserve(3, 0);
        c.complete(a.entry(), new byte[0], 0);
        c.complete(b.entry(), new byte[0], 5 * SECOND);
        assertEquals(0, c.trimExpired(9 * SECOND, 10 * SECOND));
        assertEquals(1, c.trimExpired(11 * SECOND, 10 * SECOND));
        assertEquals(1, c.trimExpired(16 * SECOND, 10 * SECOND));
        assertEquals(1, c.size(), "the running request stays");
        assertFalse(c.isIdle(100 * SECOND, 10 * SECOND));
        c.complete(running.entry(), new byte[0], 20 * SECOND);
        assertEquals(1, c.trimExpired(31 * SECOND, 10 * SECOND));
        assertTrue(c.isIdle(31 * SECOND, 10 * SECOND));
    }

    @Test
    void ackTrackerFollowsTheHighestConsecutiveId() {
        AckTracker t = new AckTracker();
        t.done(2);
        assertEquals(0, t.highest());
        t.done(1);
        assertEquals(2, t.highest());
        t.done(5);
        t.done(4);
        assertEquals(2, t.highest());
        t.done(3);
        assertEquals(5, t.highest());
        t.done(1);
        assertEquals(5, t.highest());
        t.reset();
        assertEquals(0, t.highest());
    }
}
