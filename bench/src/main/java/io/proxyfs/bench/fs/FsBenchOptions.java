package io.proxyfs.bench.fs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The benchmark's command line. Sizes default to issues 16's and 19's (1 GiB, 1,000 random 4 KiB
 * reads, 10,000 4 KiB files in 100 dirs, 10,000 entries, a 5,000-file tree, a git repository of
 * 1,000 files and 300 commits, 3 runs); {@code --quick} scales them down for a smoke run of a few
 * minutes; explicit options win over both.
 *
 * @param runs        repetitions of every workload on every target; figures are medians
 * @param bigSize     sequential write / read file size, bytes
 * @param randomReads count of cold 4 KiB random reads in the big file
 * @param small       the small-file layout
 * @param lsEntries   entries of the {@code ls -l} directory
 * @param tarFiles    files in the source tree
 * @param gitFiles    files in the git repository's first commit
 * @param gitCommits  commits in the git repository
 * @param targets     which targets, in order: local, bindfs, proxyfs, rclone, s3fs (the peers
 *                    need {@code --swift real}; without it, or without their programs, they are skipped)
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
record FsBenchOptions(int runs, long bigSize, int randomReads, SmallFiles small, int lsEntries, int tarFiles,
        int gitFiles, int gitCommits, List<String> targets,
        String swift, String swiftUrl, boolean ickpt, List<String> iclientSets, List<String> imgrSets, Path workDir,
        Path outDir, boolean keep, Set<String> only, List<String> args) {

    /** Every target, in the default order. */
    static final List<String> ALL_TARGETS = List.of("local", "bindfs", "proxyfs", "rclone", "s3fs");
    /** The peers: they need the real Swift. */
    static final Set<String> PEERS = Set.of("rclone", "s3fs");
    /** Every workload key, in run order. */
    static final List<String> ALL_WORKLOADS = List.of("seq-write", "cold-read", "rand-read", "create", "stat",
            "small-read", "rename", "unlink", "ls-l", "tar-x", "git-clone");
    /** Workloads run only when {@code --only} names them. */
    static final Set<String> ON_REQUEST = Set.of("create-par");

    static final String USAGE = """
            usage: bench/fs-bench.sh [--quick] [--runs N] [--big-size 1g] [--random-reads 1000] [--small-files 10000]
                   [--small-dirs 100] [--small-size 4k] [--ls-entries 10000] [--tar-files 5000] [--git-files 1000]
                   [--git-commits 300] [--targets local,bindfs,proxyfs,rclone,s3fs]
                   [--swift emulator|real] [--swift-url http://127.0.0.1:8080] [--ickpt]
                   [--iclient-set ICLIENT.Key=value]... [--imgr-set IMGR.Key=value]...
                   [--only seq-write,cold-read,rand-read,create,stat,small-read,rename,unlink,ls-l,tar-x,git-clone,create-par]
                   [--work-dir DIR] [--out DIR] [--keep]
            create-par (the small-file create by 8 threads) runs only when --only names it.
            The peers rclone and s3fs (and their durability: sync, uploads done, unmount) need the real Swift
            (--swift real, scripts/swift-aio.sh start); on the emulator they are skipped. A curl PUT/GET of the
            big file's size on the same Swift is the storage ceiling beside seq-write and cold-read.""";

    static FsBenchOptions parse(String... args) {
        boolean quick = List.of(args).contains("--quick");
        int runs = quick ? 1 : 3;
        long big = quick ? 64L << 20 : 1L << 30;
        int randomReads = quick ? 200 : 1000;
        int gitFiles = quick ? 200 : 1000;
        int gitCommits = quick ? 30 : 300;
        int smallFiles = quick ? 1000 : 10_000;
        int smallDirs = quick ? 10 : 100;
        int smallSize = 4096;
        int ls = quick ? 1000 : 10_000;
        int tar = quick ? 500 : 5000;
        List<String> targets = ALL_TARGETS;
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
                case "--random-reads" -> randomReads = Integer.parseInt(v);
                case "--git-files" -> gitFiles = Integer.parseInt(v);
                case "--git-commits" -> gitCommits = Integer.parseInt(v);
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
                || tar < 1 || randomReads < 1 || gitFiles < 1 || gitCommits < 1) {
            throw new IllegalArgumentException("--runs, --small-*, --ls-entries, --tar-files, --random-reads, --git-* "
                    + "must be positive, "
                    + "--big-size at least 1m, --small-size at least 8");
        }
        for (String t : targets) {
            if (!ALL_TARGETS.contains(t)) {
                throw new IllegalArgumentException("--targets: unknown target " + t + " (" + String.join(", ", ALL_TARGETS)
                        + ")");
            }
        }
        if (!swift.equals("emulator") && !swift.equals("real")) {
            throw new IllegalArgumentException("--swift takes emulator or real, not " + swift);
        }
        for (String k : only) {
            if (!ALL_WORKLOADS.contains(k) && !ON_REQUEST.contains(k)) {
                throw new IllegalArgumentException("--only: unknown workload " + k);
            }
        }
        if (!only.isEmpty() && ((only.contains("cold-read") || only.contains("rand-read")) && !only.contains("seq-write")
                || (only.contains("stat") || only.contains("small-read") || only.contains("rename"))
                        && !only.contains("create")
                || only.contains("unlink") && !only.contains("rename"))) {
            throw new IllegalArgumentException("--only: cold-read and rand-read need seq-write; stat, small-read and "
                    + "rename need create; unlink needs rename");
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
        return new FsBenchOptions(runs, big, randomReads, new SmallFiles(smallFiles, smallDirs, smallSize), ls, tar,
                gitFiles, gitCommits, List.copyOf(targets), swift, swiftUrl, ickpt, List.copyOf(iclientSets), List.copyOf(imgrSets), workDir,
                outDir, keep, only, List.of(args));
    }

    /** The workloads, in the order every run does them (reads, stat, rename and unlink need earlier ones). */
    List<Workload> workloads(SourceTree tree, GitRepo repo) {
        List<Workload> all = new ArrayList<>();
        all.add(new SequentialWrite(bigSize));
        all.add(new ColdSequentialRead(bigSize));
        all.add(new RandomRead(bigSize, randomReads));
        all.add(new SmallFileCreate(small));
        all.add(new SmallFileStat(small));
        all.add(new SmallFileRead(small));
        all.add(new SmallFileRename(small));
        all.add(new SmallFileUnlink(small));
        all.add(new ListLong(lsEntries));
        if (tree != null) {
            all.add(new TarExtract(tree));
        }
        if (repo != null) {
            all.add(new GitClone(repo));
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

    /** Whether any chosen workload needs the git repository. */
    boolean needsRepo() {
        return only.isEmpty() || only.contains("git-clone");
    }

    /** Whether the big file's workloads run (and so the curl ceiling beside them). */
    boolean needsCeiling() {
        return only.isEmpty() || only.contains("seq-write") || only.contains("cold-read");
    }
}
