package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@link SmallFileCreate} by {@value #THREADS} threads at once (a parallel unpack or build), in
 * {@code par/dNNN/fNNNNN}: shows how much concurrent closes share write-backs and checkpoints.
 * Run only when {@code --only} names it. Each run uses its own folder; not thread-safe itself.
 */
final class SmallFileCreateParallel implements Workload {
    static final int THREADS = 8;
    private final SmallFiles layout;

    SmallFileCreateParallel(SmallFiles layout) {
        this.layout = layout;
    }

    @Override
    public String key() {
        return "create-par";
    }

    @Override
    public String title() {
        return "create+write+close " + layout.describe() + " by " + THREADS + " threads, then sync";
    }

    @Override
    public String unit() {
        return "files/s";
    }

    private Path dir(Path runDir, int i) {
        return runDir.resolve("par").resolve(String.format("d%03d", i % layout.dirs()));
    }

    @Override
    public double run(Target target, Path runDir) throws Exception {
        for (int d = 0; d < Math.min(layout.dirs(), layout.files()); d++) {
            Files.createDirectories(dir(runDir, d));
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    ByteBuffer body = ByteBuffer.allocate(layout.size());
                    for (int i = first; i < layout.files(); i += THREADS) {
                        body.clear();
                        for (int b = 0; b < layout.size(); b++) {
                            body.put(b, (byte) ('a' + b % 26));
                        }
                        body.putInt(0, i);
                        Path file = dir(runDir, i).resolve(String.format("f%05d", i));
                        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                                StandardOpenOption.WRITE)) {
                            while (body.hasRemaining()) {
                                if (ch.write(body) <= 0) {
                                    throw new IOException("write made no progress");
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        target.makeDurable();
        return layout.files();
    }
}
