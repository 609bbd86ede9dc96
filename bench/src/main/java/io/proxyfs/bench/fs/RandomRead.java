package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/**
 * 4 KiB reads at random 4 KiB-aligned offsets of the file {@link SequentialWrite} wrote, after
 * the target was made cold (the same offsets on every target, from a fixed seed): at most 2,000
 * reads, one at a time. Checks each read's length, and the MiB index of those at a MiB's start.
 */
final class RandomRead implements Workload {
    static final int BLOCK = 4096;
    private final long size;
    private final int count;

    RandomRead(long size) {
        this.size = size;
        this.count = (int) Math.min(2000, size / BLOCK);
    }

    @Override
    public String key() {
        return "rand-read";
    }

    @Override
    public String title() {
        return String.format("%,d random 4 KiB reads in %s, cold", count, Sizes.human(size));
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
        Random random = new Random(19);
        ByteBuffer buf = ByteBuffer.allocateDirect(BLOCK);
        long blocks = size / BLOCK;
        try (FileChannel ch = FileChannel.open(runDir.resolve(SequentialWrite.FILE), StandardOpenOption.READ)) {
            for (int i = 0; i < count; i++) {
                long offset = Math.floorMod(random.nextLong(), blocks) * BLOCK;
                buf.clear();
                while (buf.hasRemaining()) {
                    if (ch.read(buf, offset + buf.position()) < 0) {
                        throw new IOException(target.name() + ": " + SequentialWrite.FILE + " ends before "
                                + (offset + BLOCK));
                    }
                }
                if (offset % SequentialWrite.CHUNK == 0 && buf.getLong(0) != offset / SequentialWrite.CHUNK) {
                    throw new IOException(target.name() + ": the MiB at " + offset + " of " + SequentialWrite.FILE
                            + " holds the wrong data");
                }
            }
        }
        return count;
    }
}
