package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Create, write and close many small files, one after another as a program unpacking or copying
 * would, then make them durable ({@link Target#makeDurable}, counted).
 */
final class SmallFileCreate implements Workload {
    private final SmallFiles layout;

    SmallFileCreate(SmallFiles layout) {
        this.layout = layout;
    }

    @Override
    public String key() {
        return "create";
    }

    @Override
    public String title() {
        return "create+write+close " + layout.describe() + ", then sync";
    }

    @Override
    public String unit() {
        return "files/s";
    }

    @Override
    public double run(Target target, Path runDir) throws Exception {
        for (int d = 0; d < Math.min(layout.dirs(), layout.files()); d++) {
            Files.createDirectories(layout.dir(runDir, d));
        }
        ByteBuffer body = ByteBuffer.allocate(layout.size());
        for (int i = 0; i < layout.size(); i++) {
            body.put(i, (byte) ('a' + i % 26));
        }
        for (int i = 0; i < layout.files(); i++) {
            body.clear().putInt(0, i);
            try (FileChannel ch = FileChannel.open(layout.file(runDir, i), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                while (body.hasRemaining()) {
                    if (ch.write(body) <= 0) {
                        throw new IOException("write made no progress");
                    }
                }
            }
        }
        target.makeDurable();
        return layout.files();
    }
}
