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
 * The file-system benchmark (issue 16; issue 19's suite extends it): the same workloads, with the
 * same inputs, on local disk, on a FUSE passthrough of local disk ({@code bindfs}) and on this
 * project's mount, each figure the median of {@code --runs} runs and given as a ratio to the
 * baselines measured in the same run. Workloads: sequential write of a large file then fsync;
 * cold sequential read of it (caches dropped, mounts remounted); create+write+close of many 4 KiB
 * files in 100 directories then sync; stat of them; {@code ls -l} of a large directory;
 * {@code tar -x} of a synthetic source tree then sync. Within a run each workload goes through all
 * targets back to back (their order rotating from run to run), so that ratios compare figures
 * measured minutes apart at most.
 *
 * <p>It starts everything itself, from the built jars, on free loopback ports, with all state in a
 * fresh folder under {@code /tmp} (never {@code /mnt}): Swift (the emulator as a process, or with
 * {@code --swift real} the running Swift of {@code scripts/swift-aio.sh}, in a fresh container),
 * optionally ickpt, imgr (formatted and served by {@code imgr/mkmount.sh}), iclient mounted on a
 * temporary folder, and bindfs. Whatever happens, including Ctrl-C, it unmounts and stops all of
 * them and deletes its data (logs and reports stay). Peak RSS (VmHWM) of every daemon is reported.
 *
 * <p>Run from the repository root after {@code mvn -B -o -q package -DskipTests}, as root (to drop
 * caches), with {@code bindfs} installed:
 * <pre>
 * bench/fs-bench.sh [--quick] [--runs 3] [--big-size 1g] [--swift emulator|real] ...
 * java -cp bench/target/bench-all.jar io.proxyfs.bench.fs.FsBenchmark [same options]
 * </pre>
 * It prints progress and the tables, and writes {@code fsbench.md} and {@code fsbench.csv}.
 * Exit code 0 if every figure was measured and everything was cleaned up, 1 otherwise, 2 for
 * usage. Not thread-safe: a command-line program.
 */
public final class FsBenchmark {
    /** What a finished run produced. */
    public record Report(String markdown, String csv, Map<String, Long> peakRssKiB, List<String> cleanupProblems,
            int missingFigures, Path outDir) {
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
                    "tree-src", "tree.tar", "imgr-volumes.json")) {
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
        List<Workload> workloads = o.workloads(tree);
        Results results = new Results(o.targets(), workloads);
        Map<String, Target> targets = new LinkedHashMap<>();
        Map<String, String> descriptions = new LinkedHashMap<>(); // taken while the targets exist
        String swiftLabel = "none (no proxyfs target)";
        SwiftCeiling ceiling = null;
        try {
            for (String name : o.targets()) {
                switch (name) {
                    case "local" -> targets.put(name, new LocalDiskTarget(work.resolve("local"), caches));
                    case "bindfs" -> targets.put(name, new BindfsTarget(daemons, teardown, caches,
                            work.resolve("bindfs-backing"), work.resolve("bindfs-mnt")));
                    case "proxyfs" -> {
                        SwiftService swift = o.swift().equals("real") ? SwiftService.external(o.swiftUrl(), teardown)
                                : SwiftService.emulator(daemons, top, work.resolve("iswift"));
                        swiftLabel = swift.label();
                        if (o.only().isEmpty() || o.only().contains("seq-write")) {
                            ceiling = new SwiftCeiling(swift, caches, o.bigSize(), work);
                            if (!o.keep()) {
                                teardown.add(() -> deleteAny(work.resolve("ceiling.bin")));
                            }
                        }
                        ImgrService imgr = ImgrService.start(daemons, top, work, swift, o.ickpt(), o.imgrSets());
                        targets.put(name, new ProxyFsTarget(daemons, teardown, caches, top, work.resolve("proxyfs-mnt"),
                                swift, imgr, o.iclientSets()));
                    }
                    default -> throw new IllegalArgumentException(name);
                }
                descriptions.put(name, targets.get(name).description());
                out.printf("target %s: %s%n", name, descriptions.get(name));
            }
            for (int r = 1; r <= o.runs(); r++) {
                if (ceiling != null) {
                    ceiling.measure(r, o.runs(), out);
                }
                runOnce(r, o, workloads, targets, results, daemons, out);
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
            for (String t : o.targets()) {
                missing += Math.max(0, o.runs() - results.samples(w.key(), t).size());
            }
        }
        Map<String, Long> rss = daemons.peakRssKiB();
        String markdown = markdown(o, started, loadAtStart, swiftLabel, caches, descriptions, results,
                ceiling == null ? "" : ceiling.markdown(results), rss, problems);
        Files.writeString(outDir.resolve("fsbench.md"), markdown);
        Files.writeString(outDir.resolve("fsbench.csv"), results.csv());
        out.println();
        out.print(markdown);
        out.printf("%nwritten: %s and %s%n", outDir.resolve("fsbench.md"), outDir.resolve("fsbench.csv"));
        return new Report(markdown, results.csv(), rss, List.copyOf(problems), missing, outDir);
    }

    /** Run {@code r}: every workload, on every target back to back, targets in an order rotated by run. */
    private static void runOnce(int r, FsBenchOptions o, List<Workload> workloads, Map<String, Target> targets,
            Results results, Daemons daemons, PrintStream out) throws Exception {
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
                double value = amount / seconds;
                results.add(w.key(), name, new Results.Sample(r, value, seconds));
                out.printf(Locale.ROOT, "run %d/%d  %-9s %-8s %12s %-9s %8.2f s%s   load %s%n", r, o.runs(), w.key(), name,
                        Results.figure(value), w.unit(), seconds, prep >= 0.5 ? String.format(Locale.ROOT,
                                " (after %.1f s untimed setup)", prep) : "", Machine.load());
            }
        }
    }

    private static String markdown(FsBenchOptions o, Instant started, String loadAtStart, String swiftLabel,
            Caches caches, Map<String, String> descriptions, Results results, String ceiling, Map<String, Long> rss,
            List<String> problems) {
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
        b.append('\n').append(results.markdown()).append('\n');
        if (!ceiling.isEmpty()) {
            b.append(ceiling).append('\n');
        }
        b.append("| daemon | peak RSS (VmHWM), MiB |\n|---|---|\n");
        for (Map.Entry<String, Long> e : rss.entrySet()) {
            b.append("| ").append(e.getKey()).append(" | ").append(String.format(Locale.ROOT, "%.0f", e.getValue() / 1024.0))
                    .append(" |\n");
        }
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
