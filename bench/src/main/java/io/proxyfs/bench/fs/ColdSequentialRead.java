package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Cold sequential read of the file {@link SequentialWrite} wrote, in 1 MiB reads, after the
 * target was made cold (caches dropped; mounts remounted). Checks the size and every MiB's index.
 */
final class ColdSequentialRead implements Workload {
    private final long size;

    ColdSequentialRead(long size) {
        this.size = size;
    }

    @Override
    public String key() {
        return "cold-read";
    }

    @Override
    public String title() {
        return "cold sequential read " + Sizes.human(size);
    }

    @Override
    public String unit() {
        return "MB/s";
    }

    @Override
    public void prepare(Target target, Path runDir) throws Exception {
        target.makeCold();
    }

    @Override
    public double run(Target target, Path runDir) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(SequentialWrite.CHUNK);
        long total = 0;
        try (FileChannel ch = FileChannel.open(runDir.resolve(SequentialWrite.FILE), StandardOpenOption.READ)) {
            long index = 0;
            while (true) {
                buf.clear();
                while (buf.hasRemaining()) {
                    if (ch.read(buf) < 0) {
                        break;
                    }
                }
                if (buf.position() == 0) {
                    break;
                }
                if (buf.position() >= 8 && buf.getLong(0) != index) {
                    throw new IOException(target.name() + ": MiB " + index + " of " + SequentialWrite.FILE
                            + " holds the wrong data");
                }
                total += buf.position();
                index++;
                if (buf.hasRemaining()) {
                    break;
                }
            }
        }
        if (total != size) {
            throw new IOException(target.name() + ": read " + total + " bytes of " + SequentialWrite.FILE + ", wrote " + size);
        }
        return size / 1e6;
    }
}
