package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

/**
 * Sequential write of one large file in 1 MiB writes, then fsync and {@link Target#makeDurable}
 * (durability counted: for the peers fsync alone does not put the data in Swift). The data is
 * pseudo-random with each MiB's first 8 bytes holding its index, which the reads check.
 */
final class SequentialWrite implements Workload {
    static final String FILE = "big.bin";
    static final int CHUNK = 1 << 20;

    private final long size;

    SequentialWrite(long size) {
        this.size = size;
    }

    @Override
    public String key() {
        return "seq-write";
    }

    @Override
    public String title() {
        return "sequential write " + Sizes.human(size) + " + fsync, then sync";
    }

    @Override
    public String unit() {
        return "MB/s";
    }

    /** The chunk pattern: fixed random bytes, the chunk's index in the first 8. */
    static ByteBuffer pattern() {
        byte[] b = new byte[CHUNK];
        new Random(16).nextBytes(b);
        return ByteBuffer.allocateDirect(CHUNK).put(b).flip();
    }

    @Override
    public double run(Target target, Path runDir) throws Exception {
        ByteBuffer buf = pattern();
        try (FileChannel ch = FileChannel.open(runDir.resolve(FILE), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            long index = 0;
            for (long done = 0; done < size; done += CHUNK, index++) {
                buf.clear().putLong(0, index);
                buf.limit((int) Math.min(CHUNK, size - done));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            ch.force(true);
        }
        target.makeDurable();
        return size / 1e6;
    }
}
