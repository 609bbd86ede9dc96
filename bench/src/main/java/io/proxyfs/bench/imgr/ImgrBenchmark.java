package io.proxyfs.bench.imgr;

import io.proxyfs.conf.ConfMap;
import io.proxyfs.imgr.ImgrConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * imgr's benchmark (issue 15): inode-table RPC rates and latencies against one in-process imgr,
 * each next to a no-op retryrpc server (same transport, same request and reply types) measured in
 * the same run; and checkpoint times for 10^4 to 10^6 inodes on the in-memory Swift emulator,
 * each next to a plain PUT of the same number of bytes to the same Swift.
 *
 * <p>Run from the repository root (it reads {@code imgr/dev.conf}):
 * <pre>
 * java -cp bench/target/bench-all.jar io.proxyfs.bench.imgr.ImgrBenchmark \
 *     [--seconds 3] [--warmup 4] [--rounds 3] [--threads 1,8,64] [--mounts 1] [--batch 64] \
 *     [--inodes 10000,100000,1000000] [--only rpc|checkpoint] [--conf imgr/dev.conf] [--set IMGR.Key=value]... \
 *     [--swift-auth-url http://127.0.0.1:8080/auth/v1.0 [--swift-user test:tester] [--swift-key testing]]
 * </pre>
 * Each row is repeated {@code --rounds} times and reported by its median. The RPC rows always run on the emulator; with {@code --swift-auth-url} they run a second time
 * with imgr's volume on that Swift (e.g. {@code scripts/swift-aio.sh}). Any failure (a refused
 * call, a wrong reply, a lease interrupt, a checkpoint that reads back wrong) ends the run with
 * exit code 1 and no further figures. Not thread-safe: a command-line program.
 */
public final class ImgrBenchmark {
    private ImgrBenchmark() {
    }

    /** The command line. */
    private record Options(double seconds, double warmup, int rounds, int[] threads, int mounts, int batch, long[] inodes,
            String only, Path conf, List<String> overrides, String swiftAuthUrl, String swiftUser, String swiftKey) {
        static Options parse(String[] args) {
            double seconds = 3;
            double warmup = 4;
            int rounds = 3;
            int[] threads = {1, 8, 64};
            int mounts = 1;
            int batch = 64;
            long[] inodes = {10_000, 100_000, 1_000_000};
            String only = "";
            Path conf = null;
            List<String> overrides = new ArrayList<>();
            String authUrl = null;
            String user = "test:tester";
            String key = "testing";
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                String v = args[i + 1];
                switch (args[i]) {
                    case "--seconds" -> seconds = Double.parseDouble(v);
                    case "--warmup" -> warmup = Double.parseDouble(v);
                    case "--rounds" -> rounds = Integer.parseInt(v);
                    case "--threads" -> threads = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--mounts" -> mounts = Integer.parseInt(v);
                    case "--batch" -> batch = Integer.parseInt(v);
                    case "--inodes" -> inodes = Arrays.stream(v.split(",")).mapToLong(Long::parseLong).toArray();
                    case "--only" -> only = v;
                    case "--conf" -> conf = Path.of(v);
                    case "--set" -> overrides.add(v);
                    case "--swift-auth-url" -> authUrl = v;
                    case "--swift-user" -> user = v;
                    case "--swift-key" -> key = v;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (!only.isEmpty() && !only.equals("rpc") && !only.equals("checkpoint")) {
                throw new IllegalArgumentException("--only takes rpc or checkpoint, not " + only);
            }
            if (seconds <= 0 || warmup < 0 || rounds < 1 || mounts < 1 || batch < 1 || threads.length == 0) {
                throw new IllegalArgumentException("--seconds, --rounds, --mounts, --batch must be positive, --warmup >= 0");
            }
            for (long n : inodes) {
                if (n < 100 || n > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("--inodes: each size must be between 100 and 2^31-1");
                }
            }
            return new Options(seconds, warmup, rounds, threads, mounts, batch, inodes, only, conf == null ? findConf() : conf,
                    List.copyOf(overrides), authUrl, user, key);
        }
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        try {
            Options o = Options.parse(args);
            out.printf("imgr benchmark: %d cores, %s %s, load average at start %s%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), loadAverage());
            out.printf("imgr config %s with %s%n", o.conf(), o.overrides().isEmpty() ? "no overrides"
                    : String.join(" ", o.overrides()));
            if (!o.only().equals("checkpoint")) {
                InodeRpcBenchmark rpc = new InodeRpcBenchmark(o.conf(), o.overrides(), o.mounts(), o.threads(),
                        o.batch(), o.seconds(), o.warmup(), o.rounds(), out);
                // The external Swift is checked first, so that a wrong URL or key fails before any run.
                try (BenchSwift external = o.swiftAuthUrl() == null ? null
                        : BenchSwift.external(o.swiftAuthUrl(), o.swiftUser(), o.swiftKey())) {
                    try (BenchSwift swift = BenchSwift.emulator()) {
                        rpc.run(swift);
                    }
                    if (external != null) {
                        rpc.run(external);
                    }
                }
            }
            if (!o.only().equals("rpc")) {
                ImgrConfig config = ImgrConfig.from(ConfMap.load(o.conf(), o.overrides()));
                new CheckPointBenchmark(config, out).run(10_000, o.inodes(), o.rounds());
            }
            out.printf("%nload average at end %s%n", loadAverage());
            out.flush();
            System.exit(0);
        } catch (Throwable e) {
            out.flush();
            System.err.println("imgr benchmark FAILED, no further figures: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static Path findConf() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path c = d.resolve("imgr/dev.conf");
            if (Files.isRegularFile(c)) {
                return c;
            }
        }
        throw new IllegalArgumentException("imgr/dev.conf not found above the working directory; give --conf");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
