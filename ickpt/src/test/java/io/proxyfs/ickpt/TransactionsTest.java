package io.proxyfs.ickpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TransactionsTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final Transactions t = new Transactions(now::get, 100);

    @Test
    void stagesExpireAfterTheTimeoutAndCommitsAreRememberedAsLong() {
        assertTrue(t.stage("a", "vol1", Optional.of(new byte[] {1})));
        now.addAndGet(99);
        assertTrue(t.get("a").isPresent());
        now.addAndGet(1);
        assertTrue(t.get("a").isEmpty());
        assertEquals(1, t.expiredCount());

        assertTrue(t.stage("b", "vol1", Optional.empty()));
        t.committed("b", t.get("b").orElseThrow());
        assertTrue(t.wasCommitted("b", "vol1"));
        assertFalse(t.wasCommitted("b", "vol2"));
        assertFalse(t.stage("b", "vol2", Optional.empty()), "an id committed for another volume");
        now.addAndGet(100);
        assertFalse(t.wasCommitted("b", "vol1"));
        assertEquals(0, t.stagedCount());
    }

    @Test
    void anIdStagedForOneVolumeCannotBeRestagedForAnother() {
        assertTrue(t.stage("a", "vol1", Optional.of(new byte[] {1})));
        assertFalse(t.stage("a", "vol2", Optional.of(new byte[] {2})));
        assertTrue(t.stage("a", "vol1", Optional.of(new byte[] {3})), "re-staging for the same volume replaces");
        assertEquals(3, t.get("a").orElseThrow().value().orElseThrow()[0]);
    }

    @Test
    void aRestagedIdLivesItsFullTimeoutAgain() {
        assertTrue(t.stage("a", "vol1", Optional.of(new byte[] {1})));
        now.addAndGet(50);
        assertTrue(t.stage("b", "vol1", Optional.of(new byte[] {2})));
        now.addAndGet(10);
        assertTrue(t.stage("a", "vol1", Optional.of(new byte[] {3})), "a is now younger than b");
        now.addAndGet(50);
        assertTrue(t.get("a").isPresent());
        assertTrue(t.get("b").isPresent());
        now.addAndGet(40);
        assertTrue(t.get("b").isEmpty());
        assertTrue(t.get("a").isPresent());
        now.addAndGet(10);
        assertTrue(t.get("a").isEmpty());
        assertEquals(2, t.expiredCount());
    }
}
