package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic source tree, the same for the same file count on every machine: about 12 files per
 * directory, directories up to 5 deep, sizes like a code base's (60% under 4 KiB, 30% 4–16 KiB,
 * 8% 16–64 KiB, 2% 64–256 KiB; text lines), packed once into a tarball on local disk with
 * fixed owners and times.
 */
record SourceTree(Path tarball, int files, int dirs, long bytes) {
    /** Writes the tree under {@code workDir/tree-src} and packs it into {@code workDir/tree.tar}. */
    static SourceTree generate(Path workDir, int files) throws IOException, InterruptedException {
        Random rnd = new Random(19);
        Path src = Files.createDirectories(workDir.resolve("tree-src"));
        int dirCount = Math.max(1, files / 12);
        List<Path> dirs = new ArrayList<>();
        List<Integer> depth = new ArrayList<>();
        dirs.add(src);
        depth.add(0);
        while (dirs.size() < dirCount + 1) {
            int parent = rnd.nextInt(dirs.size());
            if (depth.get(parent) >= 5) {
                continue;
            }
            Path d = dirs.get(parent).resolve(String.format("pkg%04d", dirs.size()));
            Files.createDirectories(d);
            dirs.add(d);
            depth.add(depth.get(parent) + 1);
        }
        long bytes = 0;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < files; i++) {
            double r = rnd.nextDouble();
            int size = r < 0.60 ? 200 + rnd.nextInt(3896)
                    : r < 0.90 ? 4096 + rnd.nextInt(12288)
                    : r < 0.98 ? 16384 + rnd.nextInt(49152)
                    : 65536 + rnd.nextInt(196608);
            text.setLength(0);
            for (int line = 0; text.length() < size; line++) {
                text.append("    int value").append(line).append(" = ").append(rnd.nextInt(1_000_000)).append("; // file ")
                        .append(i).append('\n');
            }
            text.setLength(size);
            Path dir = dirs.get(1 + rnd.nextInt(dirs.size() - 1));
            Files.writeString(dir.resolve(String.format("Source%05d.java", i)), text, StandardCharsets.US_ASCII);
            bytes += size;
        }
        Path tarball = workDir.resolve("tree.tar");
        Commands.check(600, "tar", "--sort=name", "--mtime=@1700000000", "--owner=0", "--group=0", "--numeric-owner",
                "-cf", tarball.toString(), "-C", src.toString(), ".");
        return new SourceTree(tarball, files, dirCount, bytes);
    }
}
