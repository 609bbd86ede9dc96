package io.proxyfs.iclient.inode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadPatternTest {
    private static final long LINE = 1 << 20;
    private static final long MAX = 16 * LINE;
    private static final long READ = 128 * 1024;

    @Test
    void sequentialReadsDoubleTheWindowUpToTheCap() {
        ReadPattern p = new ReadPattern(LINE, MAX);
        long[] expected = {2 * LINE, 4 * LINE, 8 * LINE, 16 * LINE, 16 * LINE};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], p.onRead(i * READ, READ), "read " + i);
            assertTrue(p.sequential());
        }
    }

    @Test
    void slightlyReorderedReadsStaySequential() {
        ReadPattern p = new ReadPattern(LINE, MAX);
        p.onRead(0, READ);
        p.onRead(2 * READ, READ); // the kernel's reads overtook each other
        assertTrue(p.onRead(READ, READ) > 0);
        assertTrue(p.onRead(3 * READ, READ) > 0);
    }

    @Test
    void aJumpIsRandomAndClosesTheWindow() {
        ReadPattern p = new ReadPattern(LINE, MAX);
        p.onRead(0, READ);
        assertEquals(0, p.onRead(100 * LINE, 4096));
        assertFalse(p.sequential());
        assertEquals(0, p.onRead(7 * LINE, 4096));
        assertEquals(0, p.onRead(3 * LINE, 4096));
        // reading on from the last random read starts a new sequential run
        assertEquals(2 * LINE, p.onRead(3 * LINE + 4096, READ));
    }

    @Test
    void aFirstReadAwayFromTheStartIsRandom() {
        ReadPattern p = new ReadPattern(LINE, MAX);
        assertEquals(0, p.onRead(50 * LINE, 4096));
    }

    @Test
    void theWindowIsReadAheadInBatchesOfAtLeastHalfOfIt() {
        ReadPattern p = new ReadPattern(LINE, MAX);
        long covered = 0;
        long batches = 0;
        for (long at = 0; at < 200 * LINE; at += READ) {
            p.onRead(at, READ);
            ReadPattern.Ahead a = p.ahead();
            if (a.length() == 0) {
                assertTrue(covered - (at + READ) > p.window() / 2, "nothing asked for with half a window left at " + at);
                continue;
            }
            assertEquals(Math.max(covered, at + READ), a.start(), "a batch starts where the last ended");
            covered = a.start() + a.length();
            assertEquals(at + READ + p.window(), covered, "a batch reaches the window's end");
            if (p.window() == MAX) {
                assertTrue(a.length() >= MAX / 2, "batch of " + a.length() + " at " + at);
            }
            batches++;
        }
        assertTrue(batches < 200 * LINE / (MAX / 2) + 8, batches + " batches");
    }

    @Test
    void aRandomReadForgetsTheReadAhead() {
        ReadPattern p = new ReadPattern(LINE, MAX);
        for (long at = 0; at < 8 * READ; at += READ) {
            p.onRead(at, READ);
            p.ahead();
        }
        p.onRead(500 * LINE, 4096);
        assertEquals(0, p.ahead().length());
        p.onRead(500 * LINE + 4096, READ);
        ReadPattern.Ahead a = p.ahead();
        assertEquals(500 * LINE + 4096 + READ, a.start());
        assertEquals(2 * LINE, a.length());
    }

    @Test
    void noWindowWhenTheCacheAllowsNoReadAhead() {
        ReadPattern p = new ReadPattern(LINE, 0);
        assertEquals(0, p.onRead(0, READ));
        assertEquals(0, p.onRead(READ, READ));
        assertFalse(p.sequential());
        assertEquals(0, p.ahead().length());
    }
}
