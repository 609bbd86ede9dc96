package io.proxyfs.bench.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code ls -l} (the real program, output read and counted) of one directory holding many empty
 * files, cold: the target is made cold (caches dropped, mounts remounted) right before, so that
 * every run measures the file system rather than the kernel's caches. The directory is made once
 * per target, untimed, on that target's first run, and listed again by later runs.
 */
final class ListLong implements Workload {
    private final int entries;

    ListLong(int entries) {
        this.entries = entries;
    }

    @Override
    public String key() {
        return "ls-l";
    }

    @Override
    public String title() {
        return String.format("ls -l of a %,d-entry directory, cold", entries);
    }

    @Override
    public String unit() {
        return "entries/s";
    }

    private Path dir(Target target) {
        return target.root().resolve("ls-" + entries);
    }

    @Override
    public void prepare(Target target, Path runDir) throws Exception {
        Path dir = dir(target);
        Path done = target.root().resolve("ls-" + entries + ".done");
        if (!Files.exists(done)) {
            Files.createDirectories(dir);
            for (int i = 0; i < entries; i++) {
                Path f = dir.resolve(String.format("entry-%06d", i));
                if (!Files.exists(f)) {
                    Files.createFile(f);
                }
            }
            Files.createFile(done);
        }
        target.makeCold();
    }

    @Override
    public double run(Target target, Path runDir) throws Exception {
        Process p = new ProcessBuilder("ls", "-l", dir(target).toString()).redirectErrorStream(true).start();
        long lines = 0;
        byte[] buf = new byte[65536];
        try (InputStream in = p.getInputStream()) {
            for (int n; (n = in.read(buf)) > 0;) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(target.name() + ": ls -l failed");
        }
        if (lines != entries + 1) { // "total N" and one line per entry
            throw new IOException(target.name() + ": ls -l printed " + lines + " lines, expected " + (entries + 1));
        }
        return entries;
    }
}
