package io.proxyfs.bench.fs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The benchmark's command line. Sizes default to issue 16's (1 GiB, 10,000 4 KiB files in 100
 * dirs, 10,000 entries, a 5,000-file tree, 3 runs); {@code --quick} scales them down for a smoke
 * run of a minute or two; explicit options win over both.
 *
 * @param runs        repetitions of every workload on every target; figures are medians
 * @param bigSize     sequential write / read file size, bytes
 * @param small       the small-file layout
 * @param lsEntries   entries of the {@code ls -l} directory
 * @param tarFiles    files in the source tree
 * @param targets     which targets, in order: local, bindfs, proxyfs
 * @param swift       "emulator" or "real"
 * @param swiftUrl    the real Swift's base URL
 * @param ickpt       start an ickpt for imgr's checkpoints, as quickstart.sh does
 * @param iclientSets extra iclient overrides (Section.Key=value)
 * @param imgrSets    extra imgr overrides
 * @param workDir     where all state goes (null: a fresh folder under /tmp)
 * @param outDir      where the Markdown and CSV reports go (null: the work dir)
 * @param keep        keep the work dir (target data, logs) after the run
 * @param only        workload keys to run (empty: all)
 * @param args        the command line as given, for the report
 */
record FsBenchOptions(int runs, long bigSize, SmallFiles small, int lsEntries, int tarFiles, List<String> targets,
        String swift, String swiftUrl, boolean ickpt, List<String> iclientSets, List<String> imgrSets, Path workDir,
        Path outDir, boolean keep, Set<String> only, List<String> args) {

    static final String USAGE = """
            usage: bench/fs-bench.sh [--quick] [--runs N] [--big-size 1g] [--small-files 10000] [--small-dirs 100]
                   [--small-size 4k] [--ls-entries 10000] [--tar-files 5000] [--targets local,bindfs,proxyfs]
                   [--swift emulator|real] [--swift-url http://127.0.0.1:8080] [--ickpt]
                   [--iclient-set ICLIENT.Key=value]... [--imgr-set IMGR.Key=value]...
                   [--only seq-write,cold-read,rand-read,create,stat,ls-l,tar-x,create-par] [--work-dir DIR] [--out DIR] [--keep]
                   (create-par, the small-file create by 8 threads, runs only when --only names it)""";

    static FsBenchOptions parse(String... args) {
        boolean quick = List.of(args).contains("--quick");
        int runs = quick ? 1 : 3;
        long big = quick ? 64L << 20 : 1L << 30;
        int smallFiles = quick ? 1000 : 10_000;
        int smallDirs = quick ? 10 : 100;
        int smallSize = 4096;
        int ls = quick ? 1000 : 10_000;
        int tar = quick ? 500 : 5000;
        List<String> targets = List.of("local", "bindfs", "proxyfs");
        String swift = "emulator";
        String swiftUrl = "http://127.0.0.1:8080";
        boolean ickpt = false;
        List<String> iclientSets = new ArrayList<>();
        List<String> imgrSets = new ArrayList<>();
        Path workDir = null;
        Path outDir = null;
        boolean keep = false;
        Set<String> only = Set.of();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> {
                    continue;
                }
                case "--ickpt" -> {
                    ickpt = true;
                    continue;
                }
                case "--keep" -> {
                    keep = true;
                    continue;
                }
                case "-h", "--help" -> throw new IllegalArgumentException("help");
                default -> {
                }
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--runs" -> runs = Integer.parseInt(v);
                case "--big-size" -> big = Sizes.parse(v);
                case "--small-files" -> smallFiles = Integer.parseInt(v);
                case "--small-dirs" -> smallDirs = Integer.parseInt(v);
                case "--small-size" -> smallSize = (int) Sizes.parse(v);
                case "--ls-entries" -> ls = Integer.parseInt(v);
                case "--tar-files" -> tar = Integer.parseInt(v);
                case "--targets" -> targets = List.of(v.split(","));
                case "--swift" -> swift = v;
                case "--swift-url" -> swiftUrl = v;
                case "--iclient-set" -> iclientSets.add(v);
                case "--imgr-set" -> imgrSets.add(v);
                case "--only" -> only = Set.of(v.split(","));
                case "--work-dir" -> workDir = Path.of(v).toAbsolutePath();
                case "--out" -> outDir = Path.of(v).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (runs < 1 || big < SequentialWrite.CHUNK || smallFiles < 1 || smallDirs < 1 || smallSize < 8 || ls < 1
                || tar < 1) {
            throw new IllegalArgumentException("--runs, --small-*, --ls-entries, --tar-files must be positive, "
                    + "--big-size at least 1m, --small-size at least 8");
        }
        for (String t : targets) {
            if (!Set.of("local", "bindfs", "proxyfs").contains(t)) {
                throw new IllegalArgumentException("--targets: unknown target " + t + " (local, bindfs, proxyfs)");
            }
        }
        if (!swift.equals("emulator") && !swift.equals("real")) {
            throw new IllegalArgumentException("--swift takes emulator or real, not " + swift);
        }
        for (String k : only) {
            if (!Set.of("seq-write", "cold-read", "rand-read", "create", "stat", "ls-l", "tar-x", "create-par").contains(k)) {
                throw new IllegalArgumentException("--only: unknown workload " + k);
            }
        }
        if (!only.isEmpty() && ((only.contains("cold-read") || only.contains("rand-read")) && !only.contains("seq-write")
                || only.contains("stat") && !only.contains("create"))) {
            throw new IllegalArgumentException("--only: cold-read and rand-read need seq-write, stat needs create");
        }
        for (String s : iclientSets) {
            if (!s.startsWith("ICLIENT.") || !s.contains("=")) {
                throw new IllegalArgumentException("--iclient-set takes ICLIENT.Key=value, not " + s);
            }
        }
        for (String s : imgrSets) {
            if (!s.startsWith("IMGR.") || !s.contains("=")) {
                throw new IllegalArgumentException("--imgr-set takes IMGR.Key=value, not " + s);
            }
        }
        return new FsBenchOptions(runs, big, new SmallFiles(smallFiles, smallDirs, smallSize), ls, tar,
                List.copyOf(targets), swift, swiftUrl, ickpt, List.copyOf(iclientSets), List.copyOf(imgrSets), workDir,
                outDir, keep, only, List.of(args));
    }

    /** The workloads, in the order every run does them (stat and the cold read need earlier ones). */
    List<Workload> workloads(SourceTree tree) {
        List<Workload> all = new ArrayList<>();
        all.add(new SequentialWrite(bigSize));
        all.add(new ColdSequentialRead(bigSize));
        all.add(new RandomRead(bigSize));
        all.add(new SmallFileCreate(small));
        all.add(new SmallFileStat(small));
        all.add(new ListLong(lsEntries));
        if (tree != null) {
            all.add(new TarExtract(tree));
        }
        if (only.contains("create-par")) {
            all.add(new SmallFileCreateParallel(small));
        }
        if (!only.isEmpty()) {
            all.removeIf(w -> !only.contains(w.key()));
        }
        return all;
    }

    /** Whether any chosen workload needs the source tree. */
    boolean needsTree() {
        return only.isEmpty() || only.contains("tar-x");
    }
}
