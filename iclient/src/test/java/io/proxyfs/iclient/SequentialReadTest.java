package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.iclient.inode.FileSystem;
import io.proxyfs.iclient.inode.FsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sequential reads of a file spread over many objects, by a mount that never saw it written (so
 * every byte comes from Swift through the read cache's streamed, multi-line read-ahead GETs):
 * every byte must be right, read in FUSE-sized pieces, in small pieces, by several readers at
 * once, and with the kernel's reads arriving slightly out of order; and the read-ahead must cover
 * many lines per GET.
 */
@Timeout(180)
class SequentialReadTest {
    @TempDir
    static Path dir;

    private static Cluster cluster;
    private static final List<AutoCloseable> opened = new ArrayList<>();
    private static final int RDWR = 2;
    /** Not a multiple of the line (4 KiB) or object (64 KiB) size: the last line and object are short. */
    private static final int SIZE = 3 * 1024 * 1024 + 12_345;
    private static byte[] data;

    @BeforeAll
    static void start() throws Exception {
        cluster = new Cluster(false, dir);
        FileSystem writer = mount();
        data = new byte[SIZE];
        new Random(19).nextBytes(data);
        writer.mkdir(List.of(), "d", 0755, 0, 0);
        long fh = writer.create(List.of("d"), "big", 0644, RDWR, 0, 0);
        int at = 0;
        int step = 100_003; // writes that straddle lines and objects
        while (at < SIZE) {
            int n = Math.min(step, SIZE - at);
            writer.write(fh, at, Arrays.copyOfRange(data, at, at + n), n);
            at += n;
        }
        writer.release(fh);
        writer.fsync();
    }

    /** A FileSystem on its own imgr mount: 4 KiB lines, 64 of them; objects of 64 KiB. */
    private static FileSystem mount() throws Exception {
        return cluster.fileSystem(new FsSettings(4, 4, 64 * 1024, Duration.ofSeconds(1), 255, 512), opened);
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        cluster.close();
    }

    private static void readInPieces(FileSystem fs, int piece) throws Exception {
        long fh = fs.open(List.of("d", "big"), 0);
        try {
            for (int at = 0; at < SIZE; at += piece) {
                byte[] got = fs.read(fh, at, piece);
                int n = Math.min(piece, SIZE - at);
                assertEquals(n, got.length, "read at " + at);
                assertArrayEquals(Arrays.copyOfRange(data, at, at + n), got, "bytes at " + at);
            }
            assertEquals(0, fs.read(fh, SIZE, piece).length, "read at the end");
        } finally {
            fs.release(fh);
        }
    }

    @Test
    void everyByteIsRightInFuseSizedReadsAndTheReadAheadGetsManyLinesAtOnce() throws Exception {
        FileSystem fs = mount();
        readInPieces(fs, 128 * 1024);
        Map<String, Long> s = fs.stats();
        long lines = (SIZE + 4095) / 4096;
        assertTrue(s.get("readCachePrefetches") > 0, s.toString());
        // a GET per line would be one per 4 KiB; runs of lines make it several lines per GET
        assertTrue(s.get("swiftGets") < lines / 3, "GETs for " + lines + " lines: " + s);
    }

    @Test
    void everyByteIsRightInSmallReads() throws Exception {
        readInPieces(mount(), 1000);
    }

    @Test
    void readsSmallerThanALineAreServedByReadAheadGetsOfHalfTheWindow() throws Exception {
        FileSystem fs = mount();
        readInPieces(fs, 512); // a line is 8 reads, as 1 MiB lines are 8 FUSE reads of 128 KiB
        Map<String, Long> s = fs.stats();
        assertEquals(0, s.get("readCacheMisses"), "every line was read ahead: " + s);
        // The window is 16 lines (a quarter of the 64-line cache), asked for in batches of half
        // of it, a GET for each batch's run of lines in one object: up to 8 lines, cut short only
        // where an object ends. More than 4 lines per GET on average (every GET counted, the
        // inode's own too) is only possible with GETs longer than a quarter of the window.
        assertTrue(s.get("readCachePrefetches") > 4 * s.get("swiftGets"), "lines and GETs: " + s);
    }

    @Test
    void everyByteIsRightWithReadsSlightlyOutOfOrder() throws Exception {
        FileSystem fs = mount();
        long fh = fs.open(List.of("d", "big"), 0);
        int piece = 128 * 1024;
        try {
            for (int at = 0; at < SIZE; at += 2 * piece) {
                for (int off : new int[] {at + piece, at}) { // the second of each pair overtakes the first
                    if (off < SIZE) {
                        byte[] got = fs.read(fh, off, piece);
                        int n = Math.min(piece, SIZE - off);
                        assertArrayEquals(Arrays.copyOfRange(data, off, off + n), got, "bytes at " + off);
                    }
                }
            }
        } finally {
            fs.release(fh);
        }
    }

    @Test
    void everyByteIsRightWithSeveralReadersAtOnce() throws Exception {
        FileSystem fs = mount();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int piece : new int[] {128 * 1024, 65_536, 131_071, 7_777}) {
                readers.add(pool.submit(() -> {
                    readInPieces(fs, piece);
                    return null;
                }));
            }
            for (Future<?> f : readers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
