package io.proxyfs.bench.fs;

import io.proxyfs.bench.imgr.ImgrMount;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.TempAuth;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 19's "10^6-inode volume mount in seconds, with memory bounded by config": builds a volume
 * of {@code --inodes} inodes through imgr's real RPC ({@link BigVolumeBuilder}) on the Swift
 * emulator as a process (objects in files), checks it offline with {@code imgr/icheck} (always
 * for the small volume, for the big one unless {@code --no-icheck-big}), restarts imgr cold, and measures the time until the
 * volume is served again (imgr process start to a successful Mount RPC), the time for iclient
 * (a real FUSE mount under the work folder, {@code iclient/iclient iclient/dev.conf}) to mount it,
 * then {@code stat} of the root and of a file deep in the tree, and the peak RSS (VmHWM) of the
 * cold imgr and of iclient; the same for a small volume ({@code --small-inodes}) in the same run,
 * so the result is a ratio. Each volume gets its own emulator, imgr and iclient, all stopped, and
 * its data deleted, before the next one (logs stay).
 *
 * <pre>
 * java -cp bench/target/bench-all.jar io.proxyfs.bench.fs.BigVolumeBenchmark [--inodes 1000000]
 *     [--small-inodes 1000] [--files-per-dir 1000] [--threads 8] [--no-icheck-big] [--work-dir DIR]
 * </pre>
 * Exit code 0 if every figure was measured and everything was cleaned up. Not thread-safe: a
 * command-line program.
 */
public final class BigVolumeBenchmark {
    /** Target for "in seconds": cold serve plus mount plus both stats, big volume. */
    static final double MOUNT_TARGET_SECONDS = 10;
    /** Target for "bounded": big volume's peak RSS at most this times the small one's, per daemon. */
    static final double RSS_TARGET_RATIO = 1.25;

    /** The figures of one volume. */
    record Figures(long inodes, long dirs, long files, String deepFile, double buildSeconds, double icheckSeconds,
            long buildImgrRssKiB, double servedSeconds,
            double mountSeconds, double statRootSeconds, double statDeepSeconds, long imgrRssKiB, long iclientRssKiB) {
        double totalSeconds() {
            return servedSeconds + mountSeconds + statRootSeconds + statDeepSeconds;
        }

        boolean complete() {
            return servedSeconds > 0 && mountSeconds > 0 && statRootSeconds > 0 && statDeepSeconds > 0 && imgrRssKiB > 0
                    && iclientRssKiB > 0;
        }
    }

    /** What a run produced. */
    record Report(List<Figures> volumes, List<String> cleanupProblems, String table, boolean targetMet) {
        boolean ok() {
            return volumes.size() == 2 && volumes.stream().allMatch(Figures::complete) && cleanupProblems.isEmpty();
        }
    }

    private BigVolumeBenchmark() {
    }

    public static void main(String[] args) {
        long inodes = 1_000_000;
        long small = 1_000;
        int perDir = 1_000;
        int threads = 8;
        boolean icheckBig = true;
        Path work = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--inodes" -> inodes = Long.parseLong(v);
                    case "--small-inodes" -> small = Long.parseLong(v);
                    case "--files-per-dir" -> perDir = Integer.parseInt(v);
                    case "--threads" -> threads = Integer.parseInt(v);
                    case "--work-dir" -> work = Path.of(v);
                    case "--no-icheck-big" -> {
                        icheckBig = false;
                        i--;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
        } catch (RuntimeException e) {
            System.err.println("big-volume: " + e.getMessage() + "\nusage: BigVolumeBenchmark [--inodes N] "
                    + "[--small-inodes N] [--files-per-dir N] [--threads N] [--no-icheck-big] [--work-dir DIR]");
            System.exit(2);
            return;
        }
        try {
            Report r = run(small, inodes, perDir, threads, icheckBig, work, System.out);
            System.exit(r.ok() ? 0 : 1);
        } catch (Throwable e) {
            System.err.println("big-volume FAILED: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Measures the small then the big volume; everything started is stopped and deleted before this returns. */
    static Report run(long smallInodes, long bigInodes, int perDir, int threads, boolean icheckBig, Path workDir,
            PrintStream out)
            throws Exception {
        Path top = FsBenchmark.checkoutTop();
        Path work = workDir != null ? Files.createDirectories(workDir)
                : Files.createTempDirectory(Path.of("/tmp"), "bigvolume-");
        out.printf("big-volume: work dir %s, %s, load average %s%n", work, Machine.describe(), Machine.load());
        List<Figures> volumes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (long n : List.of(smallInodes, bigInodes)) {
            Teardown teardown = new Teardown();
            Thread hook = new Thread(teardown::run, "bigvolume-teardown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                volumes.add(measure(n, perDir, threads, n == smallInodes || icheckBig, top, work, teardown, out));
            } finally {
                teardown.run();
                Runtime.getRuntime().removeShutdownHook(hook);
                problems.addAll(teardown.problems());
            }
        }
        String table = table(volumes);
        Figures s = volumes.get(0);
        Figures b = volumes.get(1);
        boolean inSeconds = b.totalSeconds() <= MOUNT_TARGET_SECONDS;
        boolean bounded = b.imgrRssKiB() <= RSS_TARGET_RATIO * s.imgrRssKiB()
                && b.iclientRssKiB() <= RSS_TARGET_RATIO * s.iclientRssKiB();
        out.println(table);
        out.printf("target \"mount in seconds\" (cold imgr serve + iclient mount + both stats <= %.0f s on the %,d-inode "
                + "volume): %s (%.2f s)%n", MOUNT_TARGET_SECONDS, b.inodes(), inSeconds ? "MET" : "NOT MET", b.totalSeconds());
        out.printf("target \"memory bounded by config\" (peak RSS of imgr and iclient <= %.2fx the %,d-inode volume's): "
                + "%s (imgr %.2fx, iclient %.2fx)%n", RSS_TARGET_RATIO, s.inodes(), bounded ? "MET" : "NOT MET",
                (double) b.imgrRssKiB() / s.imgrRssKiB(), (double) b.iclientRssKiB() / s.iclientRssKiB());
        for (String p : problems) {
            out.println("cleanup problem: " + p);
        }
        return new Report(volumes, problems, table, inSeconds && bounded);
    }

    private static Figures measure(long inodes, int perDir, int threads, boolean check, Path top, Path work,
            Teardown teardown, PrintStream out) throws Exception {
        Path dir = Files.createDirectories(work.resolve("vol-" + inodes));
        Path logs = Files.createDirectories(work.resolve("logs-" + inodes));
        teardown.add(() -> FsBenchmark.deleteAny(dir));
        Daemons daemons = new Daemons(teardown, top, logs);
        SwiftService swift = SwiftService.emulator(daemons, top, dir.resolve("iswift"));
        ImgrService imgr = ImgrService.start(daemons, top, dir, swift, false, List.of());

        SwiftClientSettings settings = SwiftClientSettings.defaults();
        TempAuth auth = new TempAuth(swift.baseUrl() + "/auth/v1.0", SwiftService.USER, SwiftService.KEY, settings);
        String token = auth.current().token();
        long t = System.nanoTime();
        BigVolumeBuilder.Built built;
        try (SwiftClient client = new SwiftClient(auth, settings);
                ImgrMount mount = ImgrMount.mount(imgr.rpcPort(), ImgrService.VOLUME, token)) {
            built = new BigVolumeBuilder(mount, client, swift.container(), threads).build(inodes, perDir);
        }
        double build = seconds(t);

        long buildImgrRss = imgr.daemon().sampleRssKiB();
        imgr.stop();
        out.printf("%,d inodes (%,d directories, %,d files, %,d objects) built through imgr's RPC in %.1f s; imgr's "
                + "peak RSS while building %,d KiB%n", built.inodes(), built.dirs(), built.files(), built.objects(), build,
                buildImgrRss);
        double icheck = Double.NaN;
        if (check) {
            t = System.nanoTime();
            List<String> command = new ArrayList<>(List.of(top.resolve("imgr/icheck").toString(),
                    top.resolve("iclient/dev.conf").toString()));
            command.addAll(ProxyFsTarget.authOverrides());
            Commands.Outcome o = Commands.run(3600, ProxyFsTarget.authEnv(swift), command);
            if (o.exitCode() != 0) {
                throw new IllegalStateException("icheck found the built volume inconsistent (exit " + o.exitCode() + "): "
                        + Commands.tail(o.output()));
            }
            icheck = seconds(t);
            out.printf("icheck: the %,d-inode volume is consistent (%.1f s)%n", inodes, icheck);
        }

        t = System.nanoTime();
        Daemon cold = imgr.restart("imgr-cold");
        awaitServed(imgr.rpcPort(), token, cold);
        double served = seconds(t);

        t = System.nanoTime();
        Path mnt = dir.resolve("mnt");
        ProxyFsTarget iclient = new ProxyFsTarget(daemons, teardown, new Caches(), top, mnt, swift, imgr, List.of());
        double mount = seconds(t);
        t = System.nanoTime();
        String root = Commands.check(120, "stat", "-c", "%F %h", mnt.toString()).trim();
        double statRoot = seconds(t);
        t = System.nanoTime();
        String deep = Commands.check(120, "stat", "-c", "%F", mnt + built.deepFile()).trim();
        double statDeep = seconds(t);
        String expectRoot = "directory " + (2 + built.dirs());
        if (!root.equals(expectRoot) || !deep.equals("regular empty file")) {
            throw new IllegalStateException("stat answered \"" + root + "\" for the root (expected \"" + expectRoot
                    + "\") and \"" + deep + "\" for " + built.deepFile());
        }
        long imgrRss = cold.sampleRssKiB();
        long iclientRss = iclient.iclient().sampleRssKiB();
        out.printf("%,d inodes: served %.2f s after imgr restart, iclient mounted in %.2f s, stat / %.3f s, stat %s "
                + "%.3f s; peak RSS imgr %,d KiB, iclient %,d KiB%n", inodes, served, mount, statRoot, built.deepFile(),
                statDeep, imgrRss, iclientRss);
        return new Figures(built.inodes(), built.dirs(), built.files(), built.deepFile(), build, icheck, buildImgrRss, served,
                mount,
                statRoot,
                statDeep, imgrRss, iclientRss);
    }

    /** Waits until a Mount RPC of the volume succeeds on the restarted imgr (then unmounts). */
    private static void awaitServed(int port, String token, Daemon imgr) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(600).toNanos();
        while (true) {
            imgr.failIfDead();
            try (ImgrMount m = ImgrMount.mount(port, ImgrService.VOLUME, token)) {
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String table(List<Figures> volumes) {
        StringBuilder b = new StringBuilder();
        b.append("| inodes | dirs | files | build (s) | icheck (s) | cold imgr: served (s) | iclient mount (s) | stat / (s) "
                + "| stat deep file (s) | total (s) | imgr peak RSS (MiB) | iclient peak RSS (MiB) |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Figures f : volumes) {
            b.append(String.format("| %,d | %,d | %,d | %.1f | %s | %.2f | %.2f | %.3f | %.3f | %.2f | %.0f | %.0f |%n",
                    f.inodes(), f.dirs(), f.files(), f.buildSeconds(),
                    Double.isNaN(f.icheckSeconds()) ? "skipped" : String.format("%.1f", f.icheckSeconds()), f.servedSeconds(), f.mountSeconds(),
                    f.statRootSeconds(), f.statDeepSeconds(), f.totalSeconds(), f.imgrRssKiB() / 1024.0,
                    f.iclientRssKiB() / 1024.0));
        }
        if (volumes.size() == 2) {
            Figures s = volumes.get(0);
            Figures g = volumes.get(1);
            b.append(String.format("| ratio | | | | | %.2fx | %.2fx | | | %.2fx | %.2fx | %.2fx |%n",
                    g.servedSeconds() / s.servedSeconds(), g.mountSeconds() / s.mountSeconds(),
                    g.totalSeconds() / s.totalSeconds(), (double) g.imgrRssKiB() / s.imgrRssKiB(),
                    (double) g.iclientRssKiB() / s.iclientRssKiB()));
        }
        return b.toString();
    }
}
