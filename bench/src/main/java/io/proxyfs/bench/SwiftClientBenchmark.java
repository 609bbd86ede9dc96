package io.proxyfs.bench;

import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.SwiftCredentials;
import io.proxyfs.swift.TempAuth;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Swift client throughput and latency, side by side with {@code curl} (one process per request)
 * doing the same requests against the same Swift in the same run.
 *
 * <p>Workload: PUT then GET of 1 MiB and 64 MiB objects (throughput, MiB/s), and PUT, GET and
 * HEAD of 4 KiB objects (latency, ms per request), sequentially, one request at a time, after a
 * warm-up. GETs stream the body and discard it on both sides. The token reaches curl through a
 * header file readable only by the owner, never on its command line.
 *
 * <p>Run (real Swift from {@code scripts/swift-aio.sh start}, or {@code scripts/iswift.sh}):
 * <pre>
 * mvn -q -B -pl common,bench package -DskipTests
 * java -cp bench/target/classes:common/target/common-all.jar io.proxyfs.bench.SwiftClientBenchmark \
 *     [--auth-url http://127.0.0.1:8080/auth/v1.0] [--user test:tester] [--key testing] [--rounds 1]
 * </pre>
 * Not thread-safe: a single-threaded program.
 */
public final class SwiftClientBenchmark {
    private static final int MIB = 1024 * 1024;

    private final SwiftClient client;
    private final SwiftCredentials credentials;
    private final String container;
    private final Path scratch;
    private final Path headerFile;

    private SwiftClientBenchmark(SwiftClient client, SwiftCredentials credentials, Path scratch) throws IOException {
        this.client = client;
        this.credentials = credentials;
        this.container = "bench-" + UUID.randomUUID();
        this.scratch = scratch;
        this.headerFile = scratch.resolve("auth-header");
        Files.writeString(headerFile, "X-Auth-Token: " + credentials.token() + "\n", StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) throws Exception {
        String authUrl = "http://127.0.0.1:8080/auth/v1.0";
        String user = "test:tester";
        String key = "testing";
        int rounds = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--auth-url" -> authUrl = args[i + 1];
                case "--user" -> user = args[i + 1];
                case "--key" -> key = args[i + 1];
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        SwiftClientSettings settings = SwiftClientSettings.defaults();
        TempAuth auth = new TempAuth(authUrl, user, key, settings);
        Path scratch = Files.createTempDirectory("swiftbench", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        try (SwiftClient client = new SwiftClient(auth, settings)) {
            SwiftClientBenchmark bench = new SwiftClientBenchmark(client, auth.current(), scratch);
            bench.run(rounds);
        } finally {
            try (var files = Files.list(scratch)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(scratch);
        }
    }

    private void run(int rounds) throws Exception {
        client.createContainer(container);
        List<String> rows = new ArrayList<>();
        try {
            for (int r = 0; r < rounds; r++) {
                rows.addAll(throughput("1 MiB", MIB, 20));
                rows.addAll(throughput("64 MiB", 64 * MIB, 4));
                rows.addAll(latency(4096, 100));
            }
        } finally {
            for (var o : client.listAllObjects(container)) {
                client.deleteObject(container, o.name());
            }
            client.deleteContainer(container);
        }
        System.out.printf("%-22s %14s %14s %10s%n", "operation", "java client", "curl/process", "java/curl");
        rows.forEach(System.out::println);
    }

    private List<String> throughput(String label, int size, int count) throws Exception {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        Path file = scratch.resolve("payload-" + size);
        Files.write(file, data);
        // Warm-up: one of each on both sides.
        client.putObject(container, "warm", data);
        drain("warm");
        curl("-X", "PUT", "-T", file.toString(), url("warm"));
        curl("-o", "/dev/null", url("warm"));

        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            client.putObject(container, "j" + i, data);
        }
        double javaPut = mibPerSecond((long) size * count, System.nanoTime() - t0);
        t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            drain("j" + i);
        }
        double javaGet = mibPerSecond((long) size * count, System.nanoTime() - t0);
        t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            curl("-X", "PUT", "-T", file.toString(), url("c" + i));
        }
        double curlPut = mibPerSecond((long) size * count, System.nanoTime() - t0);
        t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            curl("-o", "/dev/null", url("c" + i));
        }
        double curlGet = mibPerSecond((long) size * count, System.nanoTime() - t0);
        Files.delete(file);
        return List.of(row("PUT " + label + " (MiB/s)", javaPut, curlPut), row("GET " + label + " (MiB/s)", javaGet,
                curlGet));
    }

    private List<String> latency(int size, int count) throws Exception {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        Path file = scratch.resolve("small");
        Files.write(file, data);
        for (int i = 0; i < 10; i++) {
            client.putObject(container, "warm-small", data);
            client.getObject(container, "warm-small");
            client.headObject(container, "warm-small");
        }
        curl("-X", "PUT", "-T", file.toString(), url("warm-small"));

        double[] java = new double[3];
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            client.putObject(container, "s" + i, data);
        }
        java[0] = millisEach(System.nanoTime() - t0, count);
        t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            client.getObject(container, "s" + i);
        }
        java[1] = millisEach(System.nanoTime() - t0, count);
        t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            client.headObject(container, "s" + i);
        }
        java[2] = millisEach(System.nanoTime() - t0, count);

        double[] viaCurl = new double[3];
        t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            curl("-X", "PUT", "-T", file.toString(), url("t" + i));
        }
        viaCurl[0] = millisEach(System.nanoTime() - t0, count);
        t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            curl("-o", "/dev/null", url("t" + i));
        }
        viaCurl[1] = millisEach(System.nanoTime() - t0, count);
        t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            curl("-o", "/dev/null", "-I", url("t" + i));
        }
        viaCurl[2] = millisEach(System.nanoTime() - t0, count);
        Files.delete(file);
        String kib = (size / 1024) + " KiB";
        return List.of(row("PUT " + kib + " (ms)", java[0], viaCurl[0]), row("GET " + kib + " (ms)", java[1],
                viaCurl[1]), row("HEAD " + kib + " (ms)", java[2], viaCurl[2]));
    }

    private void drain(String object) throws IOException {
        byte[] buf = new byte[256 * 1024];
        try (InputStream in = client.openObject(container, object)) {
            while (in.read(buf) >= 0) {
                // discard, as curl -o /dev/null does
            }
        }
    }

    private String url(String object) {
        return credentials.storageUrl() + "/" + container + "/" + object;
    }

    private void curl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "-s", "-f", "-H", "@" + headerFile));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException("curl exited " + rc + " for " + args[args.length - 1]);
        }
    }

    private static double mibPerSecond(long bytes, long nanos) {
        return bytes / (double) MIB / (nanos / 1e9);
    }

    private static double millisEach(long nanos, int count) {
        return nanos / 1e6 / count;
    }

    private static String row(String label, double java, double curl) {
        return String.format("%-22s %14.2f %14.2f %10.2f", label, java, curl, java / curl);
    }
}
