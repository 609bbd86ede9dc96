package io.proxyfs.bench.fs;

import io.proxyfs.swift.ObjectInfo;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.SwiftException;
import io.proxyfs.swift.TempAuth;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Swift the mount's volume lives in: the project's emulator as a process on a free loopback
 * port with its objects in files ({@code scripts/iswift.sh --dir}), or an already running Swift
 * (e.g. {@code scripts/swift-aio.sh}'s on 127.0.0.1:8080). Either way the volume gets a fresh
 * container; on a Swift the benchmark did not start, teardown deletes that container's objects
 * (in parallel) and the container. Credentials are tempauth's test:tester / testing.
 */
final class SwiftService {
    static final String USER = "test:tester";
    static final String KEY = "testing";

    private final String baseUrl;
    private final String container = "fsbench-" + UUID.randomUUID().toString().substring(0, 8);
    private final String label;
    private final boolean real;

    private SwiftService(String baseUrl, String label, boolean real) {
        this.baseUrl = baseUrl;
        this.label = label;
        this.real = real;
    }

    /** Starts the emulator as a process, objects under {@code dir}. */
    static SwiftService emulator(Daemons daemons, Path top, Path dir) throws IOException, InterruptedException {
        int port = freePort();
        Daemon d = daemons.start("iswift", List.of(top.resolve("scripts/iswift.sh").toString(), "--ip", "127.0.0.1",
                "--port", Integer.toString(port), "--dir", dir.toString()), Map.of());
        String url = "http://127.0.0.1:" + port;
        d.awaitHttp(url + "/healthcheck", Duration.ofSeconds(60));
        return new SwiftService(url, "the project's Swift emulator (iswift, objects in files on local disk)", false);
    }

    /** A Swift already running at {@code baseUrl}; its objects in our container are deleted at teardown. */
    static SwiftService external(String baseUrl, Teardown teardown) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/healthcheck"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
            throw new IOException("no Swift at " + baseUrl + " (healthcheck answered " + r.statusCode()
                    + "); start it with scripts/swift-aio.sh start");
        }
        String workers = SwiftAioWorkers.describe(SwiftAioWorkers.defaultStateDir(), URI.create(baseUrl).getPort())
                .map(w -> ", " + w).orElse("");
        SwiftService s = new SwiftService(baseUrl, "real OpenStack Swift at " + baseUrl
                + " (scripts/swift-aio.sh: single node, one replica, local disk" + workers + ")", true);
        teardown.add(() -> s.deleteContainer(s.container));
        return s;
    }

    /** Whether this is a real OpenStack Swift (the peers rclone and s3fs need one; the emulator has no S3 API). */
    boolean real() {
        return real;
    }

    /**
     * Creates a further container {@code <volume container>-<suffix>} (for a peer or the curl
     * ceiling); teardown deletes its objects and it, and the {@code +segments} container the S3
     * API keeps multipart uploads' parts in, if there is one.
     */
    String newContainer(String suffix, Teardown teardown) throws IOException {
        String name = container + "-" + suffix;
        try (SwiftClient swift = client()) {
            swift.createContainer(name);
        }
        teardown.add(() -> deleteContainer(name));
        teardown.add(() -> deleteContainer(name + "+segments"));
        return name;
    }

    /** e.g. {@code http://127.0.0.1:8080}. */
    String baseUrl() {
        return baseUrl;
    }

    /** The volume's container. */
    String container() {
        return container;
    }

    /** What the report calls this Swift. */
    String label() {
        return label;
    }

    /** A free loopback TCP port (free when asked; ports are taken right after). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private SwiftClient client() {
        SwiftClientSettings settings = SwiftClientSettings.defaults();
        return new SwiftClient(new TempAuth(baseUrl + "/auth/v1.0", USER, KEY, settings), settings);
    }

    /** Deletes every object of {@code container} (in parallel) and the container; nothing if it does not exist. */
    private void deleteContainer(String container) throws Exception {
        try (SwiftClient swift = client()) {
            try {
                swift.headContainer(container);
            } catch (SwiftException e) {
                if (e.status() == 404) {
                    return;
                }
                throw e;
            }
            List<ObjectInfo> objects = swift.listAllObjects(container);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<Boolean>> done = new ArrayList<>();
                for (ObjectInfo o : objects) {
                    done.add(pool.submit(() -> swift.deleteObject(container, o.name())));
                }
                for (Future<Boolean> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            swift.deleteContainer(container);
        }
    }
}
