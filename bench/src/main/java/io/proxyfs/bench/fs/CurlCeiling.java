package io.proxyfs.bench.fs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The storage ceiling: one {@code curl} process PUTting the big file's size as one object to the
 * same Swift, and one GETting it back (after the kernel's caches were dropped, like the cold read),
 * timed from the process's start to its end; reported as MB/s beside the sequential write and the
 * cold read. The token is fetched once, untimed; the body is a file on local disk with the
 * sequential write's content, written once. Not thread-safe.
 */
final class CurlCeiling {
    static final String NAME = "curl";

    private final Caches caches;
    private final long size;
    private final Path body;
    private final String objectUrl;
    private final String token;

    CurlCeiling(SwiftService swift, Teardown teardown, Caches caches, Path work, long size) throws Exception {
        this.caches = caches;
        this.size = size;
        this.body = work.resolve("ceiling.bin");
        writeBody(body, size);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(swift.baseUrl() + "/auth/v1.0"))
                .header("X-Auth-User", SwiftService.USER).header("X-Auth-Key", SwiftService.KEY).build(),
                HttpResponse.BodyHandlers.discarding());
        String storage = r.headers().firstValue("X-Storage-Url").orElseThrow(() -> new IOException("no X-Storage-Url from "
                + swift.baseUrl() + "/auth/v1.0 (" + r.statusCode() + ")"));
        this.token = r.headers().firstValue("X-Auth-Token").orElseThrow();
        this.objectUrl = storage + "/" + swift.newContainer("curl", teardown) + "/big.bin";
    }

    /** Which workload each figure stands beside. */
    static boolean measures(String workloadKey) {
        return workloadKey.equals("seq-write") || workloadKey.equals("cold-read");
    }

    /** One timed PUT or GET (as {@code workloadKey} says); returns MB/s and seconds. */
    Results.Sample measure(String workloadKey, int run) throws Exception {
        boolean put = workloadKey.equals("seq-write");
        List<String> cmd = put
                ? List.of("curl", "-sS", "-f", "-X", "PUT", "-T", body.toString(), "-H", "X-Auth-Token: " + token,
                        "-o", "/dev/null", "-w", "%{size_upload}", objectUrl)
                : List.of("curl", "-sS", "-f", "-H", "X-Auth-Token: " + token, "-o", "/dev/null", "-w", "%{size_download}",
                        objectUrl);
        if (!put) {
            caches.drop();
        }
        long t0 = System.nanoTime();
        Commands.Outcome o = Commands.run(3600, Map.of(), cmd);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (o.exitCode() != 0) {
            throw new IOException("curl " + (put ? "PUT" : "GET") + " exited " + o.exitCode() + ": " + Commands.tail(o.output()));
        }
        long moved = Long.parseLong(o.output().trim().replaceAll("\\..*", ""));
        if (moved != size) {
            throw new IOException("curl " + (put ? "PUT" : "GET") + " moved " + moved + " bytes, not " + size);
        }
        return new Results.Sample(run, size / 1e6 / seconds, seconds);
    }

    /** What the report says about it. */
    String description() {
        return "storage ceiling: one curl process, one object of " + Sizes.human(size) + " PUT (body from local disk) and"
                + " GET (caches dropped first) on the same Swift";
    }

    private static void writeBody(Path file, long size) throws IOException {
        ByteBuffer buf = SequentialWrite.pattern();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            long index = 0;
            for (long done = 0; done < size; done += SequentialWrite.CHUNK, index++) {
                buf.clear().putLong(0, index);
                buf.limit((int) Math.min(SequentialWrite.CHUNK, size - done));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        }
    }
}
