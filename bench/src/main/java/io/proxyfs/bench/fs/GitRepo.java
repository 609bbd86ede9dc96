package io.proxyfs.bench.fs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A local git repository with history, the same for the same sizes on every machine: a first
 * commit of {@code files} text files (200 B to 8 KiB, ~10 per directory, two levels), then
 * {@code commits - 1} commits each changing 5 files and adding one; fixed author, dates and
 * content, written in one {@code git fast-import} and packed ({@code git gc}) on local disk.
 */
record GitRepo(Path path, int files, int commits, long packBytes) {
    private static final int FILES_PER_DIR = 10;

    /** Creates the repository under {@code workDir/git-src.git}. */
    static GitRepo generate(Path workDir, int files, int commits) throws IOException, InterruptedException {
        Path repo = workDir.resolve("git-src.git");
        Commands.check(60, "git", "init", "-q", "--bare", "-b", "main", repo.toString());
        Process p = new ProcessBuilder("git", "-C", repo.toString(), "fast-import", "--quiet").redirectErrorStream(true)
                .redirectOutput(workDir.resolve("logs").resolve("git-fast-import.log").toFile()).start();
        Random rnd = new Random(1919);
        int total = files;
        try (OutputStream out = new BufferedOutputStream(p.getOutputStream(), 1 << 16)) {
            for (int c = 0; c < commits; c++) {
                long when = 1_700_000_000L + c * 3600L;
                write(out, "commit refs/heads/main\nmark :" + (c + 1) + "\n");
                write(out, "author Bench <bench@example.invalid> " + when + " +0000\n");
                write(out, "committer Bench <bench@example.invalid> " + when + " +0000\n");
                data(out, ("change " + c + "\n").getBytes(StandardCharsets.US_ASCII));
                if (c > 0) {
                    write(out, "from :" + c + "\n");
                }
                if (c == 0) {
                    for (int f = 0; f < files; f++) {
                        modify(out, f, rnd);
                    }
                } else {
                    for (int k = 0; k < 5; k++) {
                        modify(out, rnd.nextInt(total), rnd);
                    }
                    modify(out, total++, rnd);
                }
                write(out, "\n");
            }
            write(out, "done\n");
        }
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("git fast-import failed; see logs/git-fast-import.log");
        }
        Commands.Outcome gc = Commands.run(600, Map.of(), List.of("git", "-C", repo.toString(), "gc", "-q"));
        if (gc.exitCode() != 0) {
            throw new IOException("git gc failed: " + gc.output());
        }
        long pack = 0;
        try (var s = Files.list(repo.resolve("objects/pack"))) {
            for (Path f : s.toList()) {
                pack += Files.size(f);
            }
        }
        return new GitRepo(repo, total, commits, pack);
    }

    /** Path of file {@code f} in the work tree. */
    static String file(int f) {
        return String.format("src/m%02d/p%03d/File%05d.c", f / (FILES_PER_DIR * 10) % 100, f / FILES_PER_DIR, f);
    }

    private static void modify(OutputStream out, int f, Random rnd) throws IOException {
        int size = 200 + rnd.nextInt(8000);
        StringBuilder text = new StringBuilder(size + 64);
        for (int line = 0; text.length() < size; line++) {
            text.append("int f").append(f).append("_").append(line).append(" = ").append(rnd.nextInt(1_000_000)).append(";\n");
        }
        write(out, "M 100644 inline " + file(f) + "\n");
        data(out, text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static void data(OutputStream out, byte[] bytes) throws IOException {
        write(out, "data " + bytes.length + "\n");
        out.write(bytes);
        write(out, "\n");
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
    }
}
