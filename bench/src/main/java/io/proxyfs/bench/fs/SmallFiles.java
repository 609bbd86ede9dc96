package io.proxyfs.bench.fs;

import java.nio.file.Path;

/** Where the small-file workloads put their files: {@code small/dNNN/fNNNNN}, spread round-robin. */
record SmallFiles(int files, int dirs, int size) {
    /** The directory of file {@code i}. */
    Path dir(Path runDir, int i) {
        return runDir.resolve("small").resolve(String.format("d%03d", i % dirs));
    }

    /** File {@code i}. */
    Path file(Path runDir, int i) {
        return dir(runDir, i).resolve(String.format("f%05d", i));
    }

    /** File {@code i} after {@link SmallFileRename}. */
    Path renamed(Path runDir, int i) {
        return dir(runDir, i).resolve(String.format("f%05d.renamed", i));
    }

    /** "10,000 × 4 KiB files in 100 dirs". */
    String describe() {
        return String.format("%,d × %s files in %d dirs", files, Sizes.human(size), dirs);
    }
}
