package io.proxyfs.bench.imgr;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The RPC half of {@link ImgrBenchmark}: PutInodeTableEntries (one entry, and a batch per call)
 * and GetInodeTableEntry against an in-process imgr serving a volume on the given Swift, each row
 * next to the same call at the same thread count against {@link NoOpInodeServer}. The two servers'
 * runs alternate, and each row is repeated and reported by its median run, so that background load
 * hits both alike. Not thread-safe: run once.
 */
final class InodeRpcBenchmark {
    private final Path conf;
    private final List<String> overrides;
    private final int mounts;
    private final int[] threadCounts;
    private final int batch;
    private final double seconds;
    private final double warmup;
    private final int rounds;
    private final PrintStream out;

    /** An operation of the table: its label, how many entries a call carries, and the call. */
    private record Operation(String label, int entriesPerCall, Op imgr, Op noOp) {
    }

    @FunctionalInterface
    private interface Op {
        void call(InodeTableCalls calls, int thread, long n) throws Exception;
    }

    InodeRpcBenchmark(Path conf, List<String> overrides, int mounts, int[] threadCounts, int batch, double seconds,
            double warmup, int rounds, PrintStream out) {
        this.conf = conf;
        this.overrides = overrides;
        this.mounts = mounts;
        this.threadCounts = threadCounts.clone();
        this.batch = batch;
        this.seconds = seconds;
        this.warmup = warmup;
        this.rounds = rounds;
        this.out = out;
    }

    /** Starts imgr on {@code swift}, runs every row and prints the table. */
    void run(BenchSwift swift) throws Exception {
        int maxThreads = maxOf(threadCounts);
        List<ImgrMount> real = new ArrayList<>();
        List<ImgrMount> noOp = new ArrayList<>();
        try (ImgrInstance imgr = ImgrInstance.start(conf, overrides, swift);
                NoOpInodeServer baseline = new NoOpInodeServer(imgr.config().retryRpcServerSettings())) {
            try {
                for (int m = 0; m < Math.min(mounts, maxThreads); m++) {
                    real.add(ImgrMount.mount(imgr.rpcPort(), ImgrInstance.VOLUME, swift.token()));
                    noOp.add(ImgrMount.noOp(baseline.port()));
                }
                long[][] inodes = new long[maxThreads][];
                for (int t = 0; t < maxThreads; t++) {
                    inodes[t] = real.get(t % real.size()).exclusiveInodes(batch);
                }
                InodeTableCalls imgrCalls = new InodeTableCalls(real, inodes, true);
                InodeTableCalls noOpCalls = new InodeTableCalls(noOp, inodes, false);
                for (int t = 0; t < maxThreads; t++) {
                    imgrCalls.putBatch(t, 0); // every inode exists before the GET rows
                }
                printHeader(swift);
                List<Operation> operations = List.of(
                        new Operation("PutInodeTableEntries x1", 1, InodeTableCalls::putOne, InodeTableCalls::putOne),
                        new Operation("PutInodeTableEntries x" + batch, batch, InodeTableCalls::putBatch,
                                InodeTableCalls::putBatch),
                        new Operation("GetInodeTableEntry", 1, InodeTableCalls::get, InodeTableCalls::get));
                for (Operation op : operations) {
                    int warmThreads = Math.min(8, maxThreads);
                    LoadRunner.run(warmThreads, warmup / 2, (t, n) -> op.noOp().call(noOpCalls, t, n));
                    LoadRunner.run(warmThreads, warmup / 2, (t, n) -> op.imgr().call(imgrCalls, t, n));
                    for (int threads : threadCounts) {
                        List<LoadRunner.Result> base = new ArrayList<>();
                        List<LoadRunner.Result> result = new ArrayList<>();
                        for (int r = 0; r < rounds; r++) {
                            base.add(LoadRunner.run(threads, seconds, (t, n) -> op.noOp().call(noOpCalls, t, n)));
                            result.add(LoadRunner.run(threads, seconds, (t, n) -> op.imgr().call(imgrCalls, t, n)));
                        }
                        printRow(op, threads, median(result), median(base));
                    }
                }
                for (ImgrMount m : real) {
                    if (m.interrupts() != 0) {
                        throw new IllegalStateException("a mount received " + m.interrupts()
                                + " lease interrupts: the rows are not lease-free; figures discarded");
                    }
                }
            } finally {
                closeAll(real);
                closeAll(noOp);
            }
        }
    }

    private void printHeader(BenchSwift swift) {
        out.printf("%nimgr inode-table RPCs over %s; %d mount(s)/connection(s) shared by the caller threads; "
                + "%.1f s per run, %.1f s warm-up per operation; each row: the run with the median rate of %d "
                + "(no-op and imgr runs alternate)%n", swift.label(), Math.min(mounts, maxOf(threadCounts)), seconds,
                warmup, rounds);
        out.printf("%-26s %7s | %11s %11s %9s %9s | %11s %9s %9s | %8s%n", "operation", "threads", "imgr calls/s",
                "entries/s", "p50 us", "p99 us", "no-op c/s", "p50 us", "p99 us", "imgr/no-op");
    }

    private void printRow(Operation op, int threads, LoadRunner.Result imgr, LoadRunner.Result base) {
        out.printf("%-26s %7d | %11.0f %11.0f %9.1f %9.1f | %11.0f %9.1f %9.1f | %8.2f%n", op.label(), threads,
                imgr.callsPerSecond(), imgr.callsPerSecond() * op.entriesPerCall(), imgr.percentileMicros(0.50),
                imgr.percentileMicros(0.99), base.callsPerSecond(), base.percentileMicros(0.50),
                base.percentileMicros(0.99), imgr.callsPerSecond() / base.callsPerSecond());
        out.flush();
    }

    /** The round with the median rate (its latencies are reported with it). */
    private static LoadRunner.Result median(List<LoadRunner.Result> results) {
        List<LoadRunner.Result> sorted = new ArrayList<>(results);
        sorted.sort(java.util.Comparator.comparingDouble(LoadRunner.Result::callsPerSecond));
        return sorted.get(sorted.size() / 2);
    }

    private static int maxOf(int[] values) {
        int max = 0;
        for (int v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static void closeAll(List<ImgrMount> list) throws Exception {
        Exception first = null;
        for (ImgrMount m : list) {
            try {
                m.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
