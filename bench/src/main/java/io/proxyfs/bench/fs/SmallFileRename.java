package io.proxyfs.bench.fs;

import java.nio.file.Files;
import java.nio.file.Path;

/** Rename of every small file within its directory ({@code fNNNNN} to {@code fNNNNN.renamed}), then sync. */
final class SmallFileRename implements Workload {
    private final SmallFiles layout;

    SmallFileRename(SmallFiles layout) {
        this.layout = layout;
    }

    @Override
    public String key() {
        return "rename";
    }

    @Override
    public String title() {
        return String.format("rename of the %,d small files, then sync", layout.files());
    }

    @Override
    public String unit() {
        return "files/s";
    }

    @Override
    public double run(Target target, Path runDir) throws Exception {
        for (int i = 0; i < layout.files(); i++) {
            Files.move(layout.file(runDir, i), layout.renamed(runDir, i));
        }
        target.makeDurable();
        return layout.files();
    }
}
