package io.proxyfs.bench;

import io.proxyfs.retryrpc.MethodRegistry;
import io.proxyfs.retryrpc.RetryRpcClient;
import io.proxyfs.retryrpc.RetryRpcClientSettings;
import io.proxyfs.retryrpc.RetryRpcServer;
import io.proxyfs.retryrpc.RetryRpcServerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Calls per second and median / 99th-percentile latency of a small echo call over loopback, from
 * 1, 8 and 64 threads sharing one client connection, over plain TCP and TLS.
 *
 * <p>Usage: {@code java -cp bench/target/bench-all.jar io.proxyfs.bench.RetryRpcBenchmark
 * [seconds-per-row [warmup-seconds]]} (defaults 3 and 3; the warm-up runs before each mode). TLS rows need {@code scripts/mkcert.sh} and openssl; they
 * are skipped when the script is not found above the working directory.
 *
 * <p>Not thread-safe; a command-line program.
 */
public final class RetryRpcBenchmark {
    /** Request and reply of the echo method. */
    public record Echo(String message) {
    }

    private static final int[] THREADS = {1, 8, 64};

    private RetryRpcBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        double warmup = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        Path certs = makeCerts();
        System.out.printf("retryrpc echo over loopback, %.1fs per row after %.1fs warm-up, %d cores, %s%n", seconds, warmup,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"));
        System.out.printf("%-6s %8s %12s %12s %12s%n", "mode", "threads", "calls/s", "p50 (us)", "p99 (us)");
        try {
            for (boolean tls : new boolean[] {false, true}) {
                if (tls && certs == null) {
                    System.out.println("TLS    skipped: scripts/mkcert.sh not found");
                    continue;
                }
                runMode(tls, certs, seconds, warmup);
            }
        } finally {
            deleteTree(certs);
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    private static void runMode(boolean tls, Path certs, double seconds, double warmup) throws Exception {
        MethodRegistry registry = new MethodRegistry()
                .register("Echo", Echo.class, Echo.class, (clientId, req) -> req);
        RetryRpcServerSettings ss = RetryRpcServerSettings.defaults("127.0.0.1", 0);
        if (tls) {
            ss = ss.withTls(certs.resolve("server.pem"), certs.resolve("server-key.pem"));
        }
        try (RetryRpcServer server = new RetryRpcServer(ss, registry)) {
            server.start();
            RetryRpcClientSettings cs = RetryRpcClientSettings.defaults("127.0.0.1", server.port());
            if (tls) {
                cs = cs.withCaCertFile(certs.resolve("ca.pem"));
            }
            try (RetryRpcClient client = new RetryRpcClient(cs, null, null)) {
                run(client, 8, warmup);
                for (int threads : THREADS) {
                    long[] latencies = run(client, threads, seconds);
                    Arrays.sort(latencies);
                    System.out.printf("%-6s %8d %12.0f %12.1f %12.1f%n", tls ? "TLS" : "TCP", threads,
                            latencies.length / seconds, percentile(latencies, 0.50) / 1e3,
                            percentile(latencies, 0.99) / 1e3);
                }
            }
        }
    }

    /** Calls from {@code threads} threads for {@code seconds}; returns every call's latency in ns. */
    private static long[] run(RetryRpcClient client, int threads, double seconds) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long[][] perThread = new long[threads][];
        int[] counts = new int[threads];
        Throwable[] failure = new Throwable[1];
        CountDownLatch done = new CountDownLatch(threads);
        Echo request = new Echo("ping 0123456789abcdef");
        for (int t = 0; t < threads; t++) {
            int tt = t;
            Thread th = new Thread(() -> {
                long[] lat = new long[1 << 14];
                int n = 0;
                try {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        client.call("Echo", request, Echo.class);
                        long d = System.nanoTime() - t0;
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = d;
                    }
                } catch (Exception e) {
                    synchronized (failure) {
                        failure[0] = e;
                    }
                } finally {
                    perThread[tt] = lat;
                    counts[tt] = n;
                    done.countDown();
                }
            }, "bench-caller-" + t);
            th.start();
        }
        if (!done.await((long) (seconds * 1000) + 60_000, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("benchmark threads did not finish");
        }
        synchronized (failure) {
            if (failure[0] != null) {
                throw new IllegalStateException("a call failed", failure[0]);
            }
        }
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int pos = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(perThread[t], 0, all, pos, counts[t]);
            pos += counts[t];
        }
        return all;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }

    private static Path makeCerts() throws Exception {
        Path script = null;
        for (Path d = Path.of("").toAbsolutePath(); d != null && script == null; d = d.getParent()) {
            Path s = d.resolve("scripts/mkcert.sh");
            if (Files.isRegularFile(s)) {
                script = s;
            }
        }
        if (script == null) {
            return null;
        }
        Path dir = Files.createTempDirectory("retryrpc-bench-certs");
        Process p = new ProcessBuilder("sh", script.toString(), dir.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            return null;
        }
        return dir;
    }
}
