package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Cold read-back of every file {@link SmallFileCreate} made in the same run, whole, in creation
 * order, after the target was made cold; checks each one's size and number.
 */
final class SmallFileRead implements Workload {
    private final SmallFiles layout;

    SmallFileRead(SmallFiles layout) {
        this.layout = layout;
    }

    @Override
    public String key() {
        return "small-read";
    }

    @Override
    public String title() {
        return String.format("cold read of the %,d small files", layout.files());
    }

    @Override
    public String unit() {
        return "files/s";
    }

    @Override
    public void prepare(Target target, Path runDir) throws Exception {
        target.makeCold();
    }

    @Override
    public double run(Target target, Path runDir) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(layout.size() + 1);
        for (int i = 0; i < layout.files(); i++) {
            Path p = layout.file(runDir, i);
            buf.clear();
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                while (buf.hasRemaining() && ch.read(buf) >= 0) {
                    // until the end of the file or one byte too many
                }
            }
            if (buf.position() != layout.size() || buf.getInt(0) != i) {
                throw new IOException(target.name() + ": " + p + " read back " + buf.position() + " bytes"
                        + (buf.position() >= 4 ? " numbered " + buf.getInt(0) : ""));
            }
        }
        return layout.files();
    }
}
