package io.proxyfs.bench.ickpt;

import io.proxyfs.conf.ConfMap;
import io.proxyfs.ickpt.Ickpt;
import io.proxyfs.ickptclient.IckptClientSettings;
import io.proxyfs.ickptclient.IckptQuorum;
import io.proxyfs.ilayout.CheckPointV1;
import io.proxyfs.iswift.SwiftAccount;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.SwiftCredentials;
import io.proxyfs.swift.TempAuth;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteOptions;

/**
 * ickpt's benchmark (issue 17): checkpoint writes per second (each one a stage and a commit,
 * durable on a majority, as imgr does them through {@link IckptQuorum}) and read latency, on one
 * ickpt instance and on a 3-instance quorum, all on loopback in this JVM (the Swift emulator in
 * memory, each instance's RocksDB in its own directory under {@code --dir}). Each writer thread
 * writes its own volume (the 409 rule wants each volume's checkpoints in order). Baselines from
 * the same run: a synced RocksDB put on the same disk (the floor of a commit) and a PUT / GET of
 * the 67-byte object 0 on the same Swift emulator (what the checkpoint costs without ickpt).
 *
 * <p>Run from anywhere:
 * <pre>
 * java -cp bench/target/bench-all.jar io.proxyfs.bench.ickpt.IckptBenchmark \
 *     [--seconds 3] [--rounds 3] [--threads 1,8] [--reads 2000] [--dir /tmp] \
 *     [--swift-auth-url http://127.0.0.1:8080/auth/v1.0]
 * </pre>
 * With {@code --swift-auth-url} the volumes live on that Swift (e.g. {@code scripts/swift-aio.sh})
 * instead of the emulator: ickpt authorizes against it, and the object-0 baselines are measured on it.
 * Each rate is the median of {@code --rounds}; latencies are percentiles over all reads. Any
 * failed write or read ends the run with exit code 1. Not thread-safe: a command-line program.
 */
public final class IckptBenchmark {
    private IckptBenchmark() {
    }

    private record Settings(double seconds, int rounds, int[] threads, int reads, Path dir, String swiftAuthUrl) {
        static Settings parse(String[] args) {
            double seconds = 3;
            int rounds = 3;
            int[] threads = {1, 8};
            int reads = 2000;
            Path dir = Path.of(System.getProperty("java.io.tmpdir"));
            String swiftAuthUrl = null;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                String v = args[i + 1];
                switch (args[i]) {
                    case "--seconds" -> seconds = Double.parseDouble(v);
                    case "--rounds" -> rounds = Integer.parseInt(v);
                    case "--threads" -> threads = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--reads" -> reads = Integer.parseInt(v);
                    case "--dir" -> dir = Path.of(v);
                    case "--swift-auth-url" -> swiftAuthUrl = v;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (seconds <= 0 || rounds < 1 || reads < 1 || threads.length == 0) {
                throw new IllegalArgumentException("--seconds, --rounds, --reads must be positive");
            }
            return new Settings(seconds, rounds, threads, reads, dir, swiftAuthUrl);
        }
    }

    /**
     * The Swift emulator (or the Swift at {@code authUrl}, test:tester / testing) with one container
     * per writer thread, each with an object 0; containers made on a real Swift are removed at close.
     */
    private static final class Swift implements AutoCloseable {
        final SwiftEmulator emulator;
        final SwiftClient client;
        final SwiftCredentials credentials;
        final String prefix;
        final int containers;
        final String name;

        Swift(int containers, String authUrl) throws IOException {
            this.containers = containers;
            emulator = authUrl == null ? SwiftEmulator.builder().host("127.0.0.1").port(0).start() : null;
            name = authUrl == null ? "Swift emulator" : "real Swift";
            prefix = authUrl == null ? "vol" : "ickpt-bench-" + java.util.UUID.randomUUID() + "-";
            SwiftClientSettings s = new SwiftClientSettings(Duration.ofMillis(10), 2.0, 2, Duration.ofSeconds(30), 64);
            TempAuth auth = new TempAuth(authUrl == null ? emulator.authUrl() : authUrl, SwiftAccount.DEFAULT.user(),
                    SwiftAccount.DEFAULT.key(), s);
            credentials = auth.current();
            client = new SwiftClient(auth, s);
            for (int i = 0; i < containers; i++) {
                client.createContainer(prefix + i);
                client.putObject(prefix + i, "0000000000000000", text(1, 3));
            }
        }

        String container(int i) {
            return prefix + i;
        }

        String url(int i) {
            return credentials.storageUrl() + "/" + prefix + i + "/0000000000000000";
        }

        @Override
        public void close() throws IOException {
            if (emulator == null) {
                for (int i = 0; i < containers; i++) {
                    client.deleteObject(prefix + i, "0000000000000000");
                    client.deleteContainer(prefix + i);
                }
            }
            client.close();
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        try {
            Settings s = Settings.parse(args);
            int maxThreads = Arrays.stream(s.threads).max().orElse(1);
            out.printf("ickpt benchmark: %d cores, %s %s, load average at start %s; RocksDB under %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), loadAverage(), s.dir);
            try (Swift swift = new Swift(maxThreads, s.swiftAuthUrl)) {
                out.printf("Swift: %s (%s)%n", swift.name, swift.credentials.storageUrl());
                baselines(s, swift, out);
                for (int n : new int[] {1, 3}) {
                    cluster(s, swift, n, out);
                }
            }
            out.printf("%nload average at end %s%n", loadAverage());
            out.flush();
            System.exit(0);
        } catch (Throwable e) {
            out.flush();
            System.err.println("ickpt benchmark FAILED, no further figures: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void baselines(Settings s, Swift swift, PrintStream out) throws Exception {
        out.printf("%n%-44s %12s %10s %10s%n", "baseline", "ops/s", "p50 ms", "p99 ms");
        Path db = Files.createTempDirectory(s.dir, "ickpt-bench-rocksdb");
        try {
            RocksDB.loadLibrary();
            try (Options o = new Options().setCreateIfMissing(true);
                    WriteOptions sync = new WriteOptions().setSync(true);
                    RocksDB rocks = RocksDB.open(o, db.toString())) {
                byte[] key = "volume".getBytes(StandardCharsets.UTF_8);
                long[] lat = timed(s, i -> rocks.put(sync, key, text(i, i)));
                row(out, "RocksDB synced put (in-process)", lat, s.seconds);
            }
        } finally {
            delete(db);
        }
        long[] put = timed(s, i -> swift.client.putObject(swift.container(0), "0000000000000000", text(i, i)));
        row(out, swift.name + " PUT of object 0 (67 B)", put, s.seconds);
        long[] get = timed(s, i -> swift.client.getObject(swift.container(0), "0000000000000000"));
        row(out, swift.name + " GET of object 0", get, s.seconds);
        swift.client.putObject(swift.container(0), "0000000000000000", text(1, 3));
    }

    private static void cluster(Settings s, Swift swift, int n, PrintStream out) throws Exception {
        List<Path> dirs = new ArrayList<>();
        List<Ickpt> instances = new ArrayList<>();
        try {
            List<String> addrs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Path d = Files.createTempDirectory(s.dir, "ickpt-bench-" + n + "-" + i);
                dirs.add(d);
                Ickpt ickpt = Ickpt.start(ConfMap.parse("[ICKPT]\nIPAddr: 127.0.0.1\nPort: 0\nCertFilePath:\n"
                        + "KeyFilePath:\nCACertFilePath:\nDataBasePath: " + d + "\nSwiftTimeout: 30s\n"
                        + "SwiftConnectionPoolSize: 64\nTransactionTimeout: 10s\nLogFilePath:\nLogToConsole: false\n"
                        + "TraceEnabled: false\n", "bench.conf"));
                instances.add(ickpt);
                addrs.add("127.0.0.1:" + ickpt.port());
            }
            try (IckptQuorum quorum = new IckptQuorum(new IckptClientSettings(addrs, 33123, Optional.empty(),
                    Duration.ofMillis(10), 2.0, 0, Duration.ofSeconds(30), 64))) {
                String name = n == 1 ? "1 instance" : n + "-instance quorum";
                out.printf("%n%-44s %12s %10s %10s%n", "ickpt, " + name, "ops/s", "p50 ms", "p99 ms");
                AtomicLong[] next = new AtomicLong[Arrays.stream(s.threads).max().orElse(1)];
                for (int i = 0; i < next.length; i++) {
                    next[i] = new AtomicLong(10);
                }
                for (int threads : s.threads) {
                    double[] rates = new double[s.rounds];
                    long[] lastLat = null;
                    for (int r = 0; r < s.rounds; r++) {
                        List<long[]> lat = writers(s, threads, t -> quorum.write(swift.url(t), swift.credentials.token(),
                                text(next[t].incrementAndGet(), next[t].get())));
                        long total = lat.stream().mapToLong(a -> a.length).sum();
                        rates[r] = total / s.seconds;
                        lastLat = lat.stream().flatMapToLong(Arrays::stream).sorted().toArray();
                    }
                    Arrays.sort(rates);
                    out.printf("%-44s %12.0f %10.2f %10.2f%n", "checkpoint writes, " + threads + " thread(s)",
                            rates[rates.length / 2], pct(lastLat, 0.50), pct(lastLat, 0.99));
                }
                long[] reads = new long[s.reads];
                for (int i = 0; i < s.reads; i++) {
                    long t0 = System.nanoTime();
                    CheckPointV1.unmarshal(quorum.read(swift.url(0), swift.credentials.token()).orElseThrow());
                    reads[i] = System.nanoTime() - t0;
                }
                Arrays.sort(reads);
                out.printf("%-44s %12.0f %10.2f %10.2f%n", "quorum reads (GET / on all), 1 thread",
                        s.reads / (Arrays.stream(reads).sum() / 1e9), pct(reads, 0.50), pct(reads, 0.99));
            }
        } finally {
            instances.forEach(Ickpt::stop);
            for (Path d : dirs) {
                delete(d);
            }
        }
    }

    @FunctionalInterface
    private interface Op {
        void run(long i) throws Exception;
    }

    @FunctionalInterface
    private interface ThreadOp {
        void run(int thread) throws Exception;
    }

    /** Runs {@code op} for the configured seconds on one thread; each call's latency in ns. */
    private static long[] timed(Settings s, Op op) throws Exception {
        long end = System.nanoTime() + (long) (s.seconds * 1e9);
        List<Long> lat = new ArrayList<>();
        for (long i = 10; System.nanoTime() < end; i++) {
            long t0 = System.nanoTime();
            op.run(i);
            lat.add(System.nanoTime() - t0);
        }
        return lat.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** Runs {@code op} on {@code threads} threads for the configured seconds; each thread's latencies. */
    private static List<long[]> writers(Settings s, int threads, ThreadOp op) throws Exception {
        long end = System.nanoTime() + (long) (s.seconds * 1e9);
        List<long[]> results = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            long[][] mine = new long[1][];
            results.add(null);
            Thread th = new Thread(() -> {
                List<Long> lat = new ArrayList<>();
                try {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        op.run(thread);
                        lat.add(System.nanoTime() - t0);
                    }
                } catch (Throwable e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                }
                mine[0] = lat.stream().mapToLong(Long::longValue).toArray();
                synchronized (results) {
                    results.set(thread, mine[0]);
                }
            }, "writer-" + t);
            running.add(th);
            th.start();
        }
        for (Thread th : running) {
            th.join();
        }
        if (failure[0] != null) {
            throw new IllegalStateException("a checkpoint write failed", failure[0]);
        }
        return results;
    }

    private static void row(PrintStream out, String what, long[] sortedNanos, double seconds) {
        out.printf("%-44s %12.0f %10.2f %10.2f%n", what, sortedNanos.length / seconds, pct(sortedNanos, 0.50),
                pct(sortedNanos, 0.99));
    }

    private static double pct(long[] sorted, double p) {
        if (sorted == null || sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }

    private static byte[] text(long superBlock, long reserved) {
        return new CheckPointV1(superBlock, 0x60, reserved).toText().getBytes(StandardCharsets.US_ASCII);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
