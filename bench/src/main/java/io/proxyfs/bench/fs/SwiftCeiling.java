package io.proxyfs.bench.fs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The storage ceiling: one {@code curl} PUT of an object as big as the sequential-write file, then
 * one {@code curl} GET of it after the caches were dropped, single stream each, in a container of
 * its own in the volume's Swift (deleted after each run). The proxyfs sequential write and cold
 * read are reported as ratios to these. Not thread-safe: one per benchmark.
 */
final class SwiftCeiling {
    private final SwiftService swift;
    private final Caches caches;
    private final long size;
    private final Path data;
    private final List<Double> puts = new ArrayList<>();
    private final List<Double> gets = new ArrayList<>();

    SwiftCeiling(SwiftService swift, Caches caches, long size, Path work) {
        this.swift = swift;
        this.caches = caches;
        this.size = size;
        this.data = work.resolve("ceiling.bin");
    }

    /** One PUT and one cold GET; records their MB/s and prints them. */
    void measure(int run, int runs, java.io.PrintStream out) throws IOException, InterruptedException {
        if (!Files.exists(data)) {
            java.nio.ByteBuffer buf = SequentialWrite.pattern();
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(data,
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
                for (long done = 0; done < size; done += SequentialWrite.CHUNK) {
                    buf.clear().limit((int) Math.min(SequentialWrite.CHUNK, size - done));
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                }
            }
        }
        String[] auth = authenticate();
        String container = auth[0] + "/" + swift.container() + "-ceiling";
        String object = container + "/object";
        String token = "X-Auth-Token: " + auth[1];
        try {
            Commands.check(60, "curl", "-sS", "-f", "-X", "PUT", "-H", token, container);
            long t0 = System.nanoTime();
            Commands.check(3600, "curl", "-sS", "-f", "-T", data.toString(), "-H", token, object);
            double put = size / 1e6 / ((System.nanoTime() - t0) / 1e9);
            caches.drop();
            t0 = System.nanoTime();
            Commands.check(3600, "curl", "-sS", "-f", "-o", "/dev/null", "-H", token, object);
            double get = size / 1e6 / ((System.nanoTime() - t0) / 1e9);
            puts.add(put);
            gets.add(get);
            out.printf(Locale.ROOT, "run %d/%d  ceiling   curl     PUT %s MB/s, cold GET %s MB/s%n", run, runs,
                    Results.figure(put), Results.figure(get));
        } finally {
            Commands.run(60, Map.of(), List.of("curl", "-sS", "-X", "DELETE", "-H", token, object));
            Commands.run(60, Map.of(), List.of("curl", "-sS", "-X", "DELETE", "-H", token, container));
        }
    }

    /** The storage URL and token of the benchmark's Swift account. */
    private String[] authenticate() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(swift.baseUrl() + "/auth/v1.0"))
                .header("X-Auth-User", SwiftService.USER).header("X-Auth-Key", SwiftService.KEY)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
        String url = r.headers().firstValue("X-Storage-Url").orElse(null);
        String token = r.headers().firstValue("X-Auth-Token").orElse(null);
        if (r.statusCode() / 100 != 2 || url == null || token == null) {
            throw new IOException("Swift auth at " + swift.baseUrl() + " answered " + r.statusCode());
        }
        return new String[] {url, token};
    }

    /** The report's table: the ceiling's medians and proxyfs's figures as ratios to them. */
    String markdown(Results results) {
        if (puts.isEmpty()) {
            return "";
        }
        double put = median(puts);
        double get = median(gets);
        double write = results.median("seq-write", "proxyfs");
        double read = results.median("cold-read", "proxyfs");
        return "| storage ceiling (curl, one stream, " + Sizes.human(size) + ") | MB/s | proxyfs | proxyfs / ceiling |\n"
                + "|---|---|---|---|\n"
                + "| PUT vs sequential write + fsync | " + Results.figure(put) + " | " + Results.figure(write) + " | "
                + Results.ratio(write / put) + " |\n"
                + "| GET (caches dropped) vs cold sequential read | " + Results.figure(get) + " | "
                + Results.figure(read) + " | " + Results.ratio(read / get) + " |\n";
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
