package io.proxyfs.bench.fs;

import java.nio.file.Files;
import java.nio.file.Path;

/** Unlink of every small file {@link SmallFileRename} renamed, then sync. */
final class SmallFileUnlink implements Workload {
    private final SmallFiles layout;

    SmallFileUnlink(SmallFiles layout) {
        this.layout = layout;
    }

    @Override
    public String key() {
        return "unlink";
    }

    @Override
    public String title() {
        return String.format("unlink of the %,d small files, then sync", layout.files());
    }

    @Override
    public String unit() {
        return "files/s";
    }

    @Override
    public double run(Target target, Path runDir) throws Exception {
        for (int i = 0; i < layout.files(); i++) {
            Files.delete(layout.renamed(runDir, i));
        }
        target.makeDurable();
        return layout.files();
    }
}
