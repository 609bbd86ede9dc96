package io.proxyfs.bench.fs;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The file-system benchmark (issue 16, extended into issue 19's suite): the same workloads, with
 * the same inputs, on local disk, on a FUSE passthrough of local disk ({@code bindfs}), on this
 * project's mount, and on the peers {@code rclone mount} and {@code s3fs} of containers on the
 * same real Swift, beside the storage ceiling (one curl PUT and GET of the big file's size); each
 * figure the median of {@code --runs} runs and given as ratios to bindfs and to rclone measured in
 * the same run, with every daemon's peak RSS, an SVG chart of the ratios to bindfs and a table
 * saying which of issue 19's targets are met. Workloads: sequential write of a large file then
 * fsync; cold sequential read of it; cold 4 KiB random reads in it; create+write+close of many
 * 4 KiB files in 100 directories then sync; stat of them; cold read-back of them; rename of them
 * then sync; unlink of them then sync; {@code ls -l} of a large directory, cold; {@code tar -x} of
 * a synthetic source tree then sync; {@code git clone} of a local repository with history then
 * sync. A peer's sync includes waiting until its data is in Swift and its unmount. Within a run
 * each workload goes through all targets back to back (their order rotating from run to run), so
 * that ratios compare figures measured minutes apart at most.
 *
 * <p>It starts everything itself, from the built jars, on free loopback ports, with all state in a
 * fresh folder under {@code /tmp} (never {@code /mnt}): Swift (the emulator as a process, or with
 * {@code --swift real} the running Swift of {@code scripts/swift-aio.sh}, in fresh containers),
 * optionally ickpt, imgr (formatted and served by {@code imgr/mkmount.sh}), iclient mounted on a
 * temporary folder, bindfs, rclone and s3fs. Whatever happens, including Ctrl-C, it unmounts and
 * stops all of them and deletes its data and containers (logs and reports stay). The peers need
 * the real Swift and their programs; without either they are skipped, and the report says so.
 *
 * <p>Run from the repository root after {@code mvn -B -o -q package -DskipTests}, as root (to drop
 * caches), with {@code bindfs} (and for the peers {@code rclone}, {@code s3fs}) installed:
 * <pre>
 * bench/fs-bench.sh [--quick] [--runs 3] [--big-size 1g] [--swift emulator|real] ...
 * java -cp bench/target/bench-all.jar io.proxyfs.bench.fs.FsBenchmark [same options]
 * </pre>
 * It prints progress and the tables, and writes {@code fsbench.md}, {@code fsbench.csv} and
 * {@code fsbench-ratios.svg}. Exit code 0 if every figure of every target run was measured and
 * everything was cleaned up, 1 otherwise, 2 for usage. Not thread-safe: a command-line program.
 */
public final class FsBenchmark {
    /** What a finished run produced. */
    public record Report(String markdown, String csv, Map<String, Long> peakRssKiB, List<String> cleanupProblems,
            int missingFigures, List<String> skipped, Path outDir) {
        /** Every figure measured and everything undone. */
        public boolean ok() {
            return missingFigures == 0 && cleanupProblems.isEmpty();
        }
    }

    private FsBenchmark() {
    }

    public static void main(String[] args) {
        FsBenchOptions o;
        try {
            o = FsBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().equals("help")) {
                System.err.println("fs-bench: " + e.getMessage());
            }
            System.err.println(FsBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Teardown teardown = new Teardown();
        Thread hook = new Thread(teardown::run, "fsbench-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Report r = run(o, System.out, teardown);
            System.exit(r.ok() ? 0 : 1);
        } catch (Throwable e) {
            System.out.flush();
            System.err.println("fs-bench FAILED: " + e);
            e.printStackTrace();
            teardown.run();
            for (String p : teardown.problems()) {
                System.err.println("fs-bench: cleanup problem: " + p);
            }
            System.exit(1);
        }
    }

    /**
     * Runs the whole benchmark; {@code teardown} undoes all it set up before this returns (also on
     * failure). Throws if setup or a workload fails.
     */
    static Report run(FsBenchOptions o, PrintStream out, Teardown teardown) throws Exception {
        Path top = checkoutTop();
        requireJars(top, o);
        Path work = o.workDir() != null ? Files.createDirectories(o.workDir())
                : Files.createTempDirectory(Path.of("/tmp"), "fsbench-");
        Path outDir = Files.createDirectories(o.outDir() != null ? o.outDir() : work);
        Path logs = Files.createDirectories(work.resolve("logs"));
        if (!o.keep()) {
            for (String sub : List.of("local", "bindfs-backing", "bindfs-mnt", "proxyfs-mnt", "iswift", "ickptDB",
                    "tree-src", "tree.tar", "imgr-volumes.json", "rclone-mnt", "rclone-cache", "rclone.conf", "s3fs-mnt",
                    "ceiling.bin", "git-src.git")) {
                teardown.add(() -> deleteAny(work.resolve(sub)));
            }
        }
        Daemons daemons = new Daemons(teardown, top, logs);
        Caches caches = new Caches();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String loadAtStart = Machine.load();
        out.printf("fs-bench %s, work dir %s (logs in %s)%n%s, load average %s%n", started, work, logs, Machine.describe(),
                loadAtStart);

        SourceTree tree = null;
        if (o.needsTree()) {
            tree = SourceTree.generate(work, o.tarFiles());
            out.printf("source tree: %,d files in %,d dirs, %s, tarball %s%n", tree.files(), tree.dirs(),
                    Sizes.human(tree.bytes()), tree.tarball());
        }
        GitRepo repo = null;
        if (o.needsRepo()) {
            repo = GitRepo.generate(work, o.gitFiles(), o.gitCommits());
            out.printf("git repository: %,d commits, %,d files, pack %s, %s%n", repo.commits(), repo.files(),
                    Sizes.human(repo.packBytes()), repo.path());
        }
        List<Workload> workloads = o.workloads(tree, repo);
        List<String> skipped = new ArrayList<>();
        List<String> active = activeTargets(o, skipped);
        for (String s : skipped) {
            out.println("SKIPPED " + s);
        }
        boolean needSwift = active.contains("proxyfs") || active.stream().anyMatch(FsBenchOptions.PEERS::contains);
        boolean ceilingWanted = needSwift && o.needsCeiling();
        List<String> columns = new ArrayList<>(active);
        if (ceilingWanted) {
            columns.add(CurlCeiling.NAME);
        }
        Results results = new Results(columns, workloads);
        Map<String, Target> targets = new LinkedHashMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>(); // taken while the targets exist
        String swiftLabel = "none (no target on Swift)";
        try {
            SwiftService swift = null;
            if (needSwift) {
                swift = o.swift().equals("real") ? SwiftService.external(o.swiftUrl(), teardown)
                        : SwiftService.emulator(daemons, top, work.resolve("iswift"));
                swiftLabel = swift.label();
            }
            CurlCeiling ceiling = null;
            if (ceilingWanted) {
                ceiling = new CurlCeiling(swift, teardown, caches, work, o.bigSize());
                descriptions.put(CurlCeiling.NAME, ceiling.description());
                out.printf("ceiling %s: %s%n", CurlCeiling.NAME, ceiling.description());
            }
            for (String name : active) {
                switch (name) {
                    case "local" -> targets.put(name, new LocalDiskTarget(work.resolve("local"), caches));
                    case "bindfs" -> targets.put(name, new BindfsTarget(daemons, teardown, caches,
                            work.resolve("bindfs-backing"), work.resolve("bindfs-mnt")));
                    case "proxyfs" -> {
                        ImgrService imgr = ImgrService.start(daemons, top, work, swift, o.ickpt(), o.imgrSets());
                        targets.put(name, new ProxyFsTarget(daemons, teardown, caches, top, work.resolve("proxyfs-mnt"),
                                swift, imgr, o.iclientSets()));
                    }
                    case "rclone" -> targets.put(name, new RcloneTarget(daemons, teardown, caches, work, swift));
                    case "s3fs" -> targets.put(name, new S3fsTarget(daemons, teardown, caches, work, swift));
                    default -> throw new IllegalArgumentException(name);
                }
                descriptions.put(name, targets.get(name).description());
                out.printf("target %s: %s%n", name, descriptions.get(name));
            }
            for (int r = 1; r <= o.runs(); r++) {
                runOnce(r, o, workloads, targets, ceiling, results, daemons, out);
            }
        } finally {
            daemons.sample();
            teardown.run();
        }

        List<String> problems = new ArrayList<>(teardown.problems());
        for (Target t : targets.values()) {
            if (!t.name().equals("local") && Mounts.isMounted(t.root())) {
                problems.add(t.root() + " is still mounted");
            }
        }
        problems.addAll(daemons.stillAlive());
        int missing = 0;
        for (Workload w : workloads) {
            for (String t : columns) {
                if (!t.equals(CurlCeiling.NAME) || CurlCeiling.measures(w.key())) {
                    missing += Math.max(0, o.runs() - results.samples(w.key(), t).size());
                }
            }
        }
        Map<String, Long> rss = daemons.peakRssKiB();
        String svg = RatioChart.svg(results, "bindfs", "Median figure / bindfs's (log scale; 1 = the FUSE passthrough)");
        Path chart = outDir.resolve("fsbench-ratios.svg");
        if (!svg.isEmpty()) {
            Files.writeString(chart, svg);
        }
        String markdown = markdown(o, started, loadAtStart, swiftLabel, caches, descriptions, skipped, results, rss,
                daemons.starts(), problems, svg.isEmpty() ? null : chart.getFileName().toString());
        Files.writeString(outDir.resolve("fsbench.md"), markdown);
        Files.writeString(outDir.resolve("fsbench.csv"), results.csv());
        out.println();
        out.print(markdown);
        out.printf("%nwritten: %s, %s%s%n", outDir.resolve("fsbench.md"), outDir.resolve("fsbench.csv"),
                svg.isEmpty() ? "" : " and " + chart);
        return new Report(markdown, results.csv(), rss, List.copyOf(problems), missing, List.copyOf(skipped), outDir);
    }

    /**
     * The targets that will run, in the order asked for: the peers only on the real Swift and with
     * their programs installed (each one left out is described in {@code skipped}).
     */
    private static List<String> activeTargets(FsBenchOptions o, List<String> skipped) throws InterruptedException {
        List<String> active = new ArrayList<>();
        for (String t : o.targets()) {
            if (FsBenchOptions.PEERS.contains(t)) {
                if (!o.swift().equals("real")) {
                    skipped.add(t + ": the peers need the real Swift (--swift real, scripts/swift-aio.sh start); "
                            + "this run uses the emulator");
                    continue;
                }
                if (!installed(t)) {
                    skipped.add(t + ": not installed (scripts/setup-debian.sh test installs it)");
                    continue;
                }
            }
            active.add(t);
        }
        return active;
    }

    private static boolean installed(String program) throws InterruptedException {
        try {
            return Commands.run(10, Map.of(), List.of("sh", "-c", "command -v " + program)).exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Run {@code r}: every workload, on every target back to back, targets in an order rotated by run. */
    private static void runOnce(int r, FsBenchOptions o, List<Workload> workloads, Map<String, Target> targets,
            CurlCeiling ceiling, Results results, Daemons daemons, PrintStream out) throws Exception {
        List<String> order = new ArrayList<>(targets.keySet());
        java.util.Collections.rotate(order, -(r - 1));
        for (String name : order) {
            Files.createDirectories(targets.get(name).root().resolve("run-" + r));
        }
        for (Workload w : workloads) {
            for (String name : order) {
                Target t = targets.get(name);
                Path runDir = t.root().resolve("run-" + r);
                long p0 = System.nanoTime();
                w.prepare(t, runDir);
                double prep = (System.nanoTime() - p0) / 1e9;
                long t0 = System.nanoTime();
                double amount = w.run(t, runDir);
                double seconds = (System.nanoTime() - t0) / 1e9;
                daemons.sample();
                t.reopen();
                double value = amount / seconds;
                results.add(w.key(), name, new Results.Sample(r, value, seconds));
                progress(out, r, o, w, name, value, seconds, prep);
            }
            if (ceiling != null && CurlCeiling.measures(w.key())) {
                Results.Sample s = ceiling.measure(w.key(), r);
                results.add(w.key(), CurlCeiling.NAME, s);
                progress(out, r, o, w, CurlCeiling.NAME, s.value(), s.seconds(), 0);
            }
        }
    }

    private static void progress(PrintStream out, int r, FsBenchOptions o, Workload w, String target, double value,
            double seconds, double prep) {
        out.printf(Locale.ROOT, "run %d/%d  %-10s %-8s %12s %-9s %8.2f s%s   load %s%n", r, o.runs(), w.key(), target,
                Results.figure(value), w.unit(), seconds, prep >= 0.5 ? String.format(Locale.ROOT,
                        " (after %.1f s untimed setup)", prep) : "", Machine.load());
    }

    private static String markdown(FsBenchOptions o, Instant started, String loadAtStart, String swiftLabel,
            Caches caches, Map<String, String> descriptions, List<String> skipped, Results results, Map<String, Long> rss,
            Map<String, Integer> starts, List<String> problems, String chart) {
        StringBuilder b = new StringBuilder();
        b.append("Measured ").append(started).append(" to ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(" on ").append(Machine.describe()).append("; load average ").append(loadAtStart)
                .append(" at the start, ").append(Machine.load()).append(" at the end.\n\n");
        b.append("`bench/fs-bench.sh ").append(String.join(" ", o.args())).append("`: ").append(o.runs())
                .append(o.runs() == 1 ? " run" : " runs, medians (min–max)").append("; Swift: ").append(swiftLabel)
                .append(o.ickpt() ? ", imgr checkpoints kept by one ickpt" : ", no ickpt (checkpoints in Swift only)")
                .append(". Cold reads: ").append(caches.dropped() ? "kernel caches dropped (and FUSE targets remounted)"
                        : "NOT root, so kernel caches could not be dropped; FUSE targets remounted")
                .append(".\n\n");
        for (Map.Entry<String, String> d : descriptions.entrySet()) {
            b.append("- ").append(d.getKey()).append(": ").append(d.getValue()).append('\n');
        }
        for (String sk : skipped) {
            b.append("- SKIPPED ").append(sk).append('\n');
        }
        b.append('\n').append(results.markdown(List.of("bindfs", "rclone"))).append('\n');
        if (chart != null) {
            b.append("Chart of the ratios to bindfs: `").append(chart).append("`.\n\n");
        }
        b.append("| daemon | peak RSS (VmHWM), MiB | processes started |\n|---|---|---|\n");
        for (Map.Entry<String, Long> e : rss.entrySet()) {
            b.append("| ").append(e.getKey()).append(" | ").append(String.format(Locale.ROOT, "%.0f", e.getValue() / 1024.0))
                    .append(" | ").append(starts.getOrDefault(e.getKey(), 0)).append(" |\n");
        }
        b.append("\nIssue 19's targets, judged by this run:\n\n")
                .append(TargetCheck.markdown(TargetCheck.rows(results, o.lsEntries(), o.iclientSets(), rss)));
        if (!problems.isEmpty()) {
            b.append("\nCleanup problems:\n");
            for (String p : problems) {
                b.append("- ").append(p).append('\n');
            }
        }
        return b.toString();
    }

    static void deleteAny(Path p) throws IOException {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Folders.deleteTree(p);
        } else {
            Files.deleteIfExists(p);
        }
    }

    static Path checkoutTop() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("scripts/launch.sh")) && Files.isRegularFile(d.resolve("iclient/iclient"))) {
                return d;
            }
        }
        throw new IllegalStateException("run from inside the checkout (scripts/launch.sh not found above "
                + Path.of("").toAbsolutePath() + ")");
    }

    private static void requireJars(Path top, FsBenchOptions o) {
        if (!o.targets().contains("proxyfs")) {
            return;
        }
        List<String> need = new ArrayList<>(List.of("imgr", "iclient"));
        if (o.swift().equals("emulator")) {
            need.add("common");
        }
        if (o.ickpt()) {
            need.add("ickpt");
        }
        for (String m : need) {
            if (!Files.isRegularFile(top.resolve(m + "/target/" + m + "-all.jar"))) {
                throw new IllegalStateException(m + "/target/" + m + "-all.jar is not built; run: mvn -B -o -q package -DskipTests");
            }
        }
    }
}
