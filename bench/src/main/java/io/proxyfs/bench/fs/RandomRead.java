package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/**
 * Cold 4 KiB reads at random 4 KiB-aligned offsets in the file {@link SequentialWrite} wrote, one
 * after another: a fixed count, the offsets from a fixed seed (the same on every target and run),
 * after the target was made cold. Checks every block against the written pattern. The figure is
 * reads per second.
 */
final class RandomRead implements Workload {
    static final int BLOCK = 4096;

    private final long size;
    private final int reads;

    RandomRead(long size, int reads) {
        this.size = size;
        this.reads = reads;
    }

    @Override
    public String key() {
        return "rand-read";
    }

    @Override
    public String title() {
        return String.format("%,d cold 4 KiB random reads in the %s file", reads, Sizes.human(size));
    }

    @Override
    public String unit() {
        return "reads/s";
    }

    @Override
    public void prepare(Target target, Path runDir) throws Exception {
        target.makeCold();
    }

    @Override
    public double run(Target target, Path runDir) throws IOException {
        ByteBuffer pattern = SequentialWrite.pattern();
        ByteBuffer buf = ByteBuffer.allocateDirect(BLOCK);
        Random rnd = new Random(4096);
        long blocks = size / BLOCK;
        try (FileChannel ch = FileChannel.open(runDir.resolve(SequentialWrite.FILE), StandardOpenOption.READ)) {
            for (int i = 0; i < reads; i++) {
                long offset = Math.floorMod(rnd.nextLong(), blocks) * BLOCK;
                buf.clear();
                while (buf.hasRemaining()) {
                    if (ch.read(buf, offset + buf.position()) < 0) {
                        throw new IOException(target.name() + ": end of file at " + (offset + buf.position()));
                    }
                }
                check(target, pattern, buf, offset);
            }
        }
        return reads;
    }

    private static void check(Target target, ByteBuffer pattern, ByteBuffer block, long offset) throws IOException {
        int inChunk = (int) (offset % SequentialWrite.CHUNK);
        long index = offset / SequentialWrite.CHUNK;
        for (int i = 0; i < BLOCK; i++) {
            int at = inChunk + i;
            byte want = at < 8 ? (byte) (index >>> (56 - 8 * at)) : pattern.get(at);
            if (block.get(i) != want) {
                throw new IOException(target.name() + ": byte " + (offset + i) + " of " + SequentialWrite.FILE
                        + " holds the wrong data");
            }
        }
    }
}
