package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * {@code lstat} of every file {@link SmallFileCreate} made in the same run, by path, in creation
 * order; checks each is a regular file of the right size. Caches are as the create left them
 * (the kernel may answer from its attribute cache where the file system allows).
 */
final class SmallFileStat implements Workload {
    private final SmallFiles layout;

    SmallFileStat(SmallFiles layout) {
        this.layout = layout;
    }

    @Override
    public String key() {
        return "stat";
    }

    @Override
    public String title() {
        return String.format("stat of the %,d small files", layout.files());
    }

    @Override
    public String unit() {
        return "stats/s";
    }

    @Override
    public double run(Target target, Path runDir) throws IOException {
        for (int i = 0; i < layout.files(); i++) {
            Path p = layout.file(runDir, i);
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile() || a.size() != layout.size()) {
                throw new IOException(target.name() + ": " + p + " is " + (a.isRegularFile() ? a.size() + " bytes" : "not a file"));
            }
        }
        return layout.files();
    }
}
