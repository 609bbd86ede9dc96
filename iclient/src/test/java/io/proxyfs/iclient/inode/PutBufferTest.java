package io.proxyfs.iclient.inode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PutBufferTest {
    private static final int CHUNK = PutBuffer.CHUNK;

    /** Appends of these sizes, in turn, from one reference array; checks every way of reading back. */
    private static void roundTrip(int... sizes) throws IOException {
        int total = 0;
        for (int s : sizes) {
            total += s;
        }
        byte[] all = new byte[total];
        new Random(total).nextBytes(all);
        PutBuffer b = new PutBuffer(1);
        int at = 0;
        for (int i = 0; i < sizes.length; i++) {
            int from = at;
            long where = i % 2 == 0 ? b.append(all, from, sizes[i])
                    : b.append((f, dst, off, n) -> System.arraycopy(all, from + f, dst, off, n), sizes[i]);
            assertEquals(at, where);
            at += sizes[i];
        }
        assertEquals(total, b.size());
        assertArrayEquals(all, b.copy(0, total));
        assertArrayEquals(all, readAll(b.open()));
        assertArrayEquals(all, readAll(b.open()), "a second stream reads it all again (a retried PUT)");
        for (long off : new long[] {0, 1, CHUNK - 3, CHUNK, CHUNK + 7, 2L * CHUNK - 1, total / 2}) {
            if (off >= total) {
                continue;
            }
            int len = (int) Math.min(total - off, CHUNK + 11);
            byte[] got = new byte[len + 2];
            b.read(off, ReadSink.of(got), 1, len);
            for (int i = 0; i < len; i++) {
                if (got[1 + i] != all[(int) off + i]) {
                    throw new AssertionError("byte " + (off + i) + " differs");
                }
            }
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8191];
        assertEquals(0, in.read(buf, 0, 0));
        int first = in.read();
        if (first < 0) {
            return out.toByteArray();
        }
        out.write(first);
        for (int n; (n = in.read(buf, 0, buf.length)) > 0; ) {
            out.write(buf, 0, n);
        }
        assertEquals(-1, in.read());
        return out.toByteArray();
    }

    @Test
    void smallObjectsStaySmall() throws IOException {
        roundTrip(100, 4096, 300);
    }

    @Test
    void fuseSizedWritesCrossChunks() throws IOException {
        int[] sizes = new int[85];
        java.util.Arrays.fill(sizes, 128 * 1024);
        sizes[84] = 517; // a head at the end
        roundTrip(sizes);
    }

    @Test
    void oddSizesAndExactChunkBoundaries() throws IOException {
        roundTrip(1, CHUNK - 1, CHUNK, 3, CHUNK * 2 + 5, 0, 4095, 1);
    }

    @Test
    void oneAppendLargerThanAChunk() throws IOException {
        roundTrip(3 * CHUNK + 123);
    }

    @Test
    void emptyBuffer() throws IOException {
        roundTrip();
    }

    @Test
    void releasedChunksAreReusedAndTheReleasedBufferReadsNothing() {
        ChunkPool pool = new ChunkPool(3);
        PutBuffer first = new PutBuffer(1, pool);
        byte[] data = new byte[CHUNK];
        java.util.Arrays.fill(data, (byte) 7);
        for (int i = 0; i < 5; i++) {
            first.append(data, 0, data.length);
        }
        first.release();
        assertEquals(3, pool.spare(), "kept up to the cap");
        assertEquals(0, first.size());
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class,
                () -> first.read(0, ReadSink.of(new byte[1]), 0, 1));
        PutBuffer second = new PutBuffer(2, pool);
        byte[] other = new byte[CHUNK + 10];
        new Random(2).nextBytes(other);
        second.append(other, 0, other.length);
        assertEquals(1, pool.spare(), "two spare chunks taken");
        assertArrayEquals(other, second.copy(0, other.length), "nothing of the previous object shows through");
        PutBuffer small = new PutBuffer(3, pool);
        small.append(new byte[100], 0, 100);
        assertEquals(1, pool.spare(), "a small object takes a small array of its own");
    }
}
