package io.proxyfs.bench.fs;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code tar -xf} of a source-tree tarball ({@link SourceTree}, read from local disk) into the
 * run's directory, then {@link Target#makeDurable} (counted). The figure is files per second.
 */
final class TarExtract implements Workload {
    private final SourceTree tree;

    TarExtract(SourceTree tree) {
        this.tree = tree;
    }

    @Override
    public String key() {
        return "tar-x";
    }

    @Override
    public String title() {
        return String.format("tar -x of a source tree (%,d files, %,d dirs, %s), then sync", tree.files(), tree.dirs(),
                Sizes.human(tree.bytes()));
    }

    @Override
    public String unit() {
        return "files/s";
    }

    @Override
    public double run(Target target, Path runDir) throws Exception {
        Path into = Files.createDirectories(runDir.resolve("tree"));
        Commands.check(3600, "tar", "-xf", tree.tarball().toString(), "-C", into.toString());
        target.makeDurable();
        return tree.files();
    }
}
