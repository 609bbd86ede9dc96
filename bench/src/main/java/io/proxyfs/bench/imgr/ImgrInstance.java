package io.proxyfs.bench.imgr;

import io.proxyfs.conf.ConfMap;
import io.proxyfs.imgr.Imgr;
import io.proxyfs.imgr.ImgrConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-process imgr daemon ({@link Imgr#start}) from a config file with the benchmark's
 * overrides (free loopback ports, a private served-volumes file), with one volume formatted and
 * served through its HTTP API exactly as {@code scripts/quickstart.sh} does. Not thread-safe;
 * {@link #close} stops imgr (writing its last checkpoint) and removes the state file.
 */
final class ImgrInstance implements AutoCloseable {
    static final String VOLUME = "benchvol";

    private final Imgr imgr;
    private final ImgrConfig config;
    private final Path stateDir;

    private ImgrInstance(Imgr imgr, ImgrConfig config, Path stateDir) {
        this.imgr = imgr;
        this.config = config;
        this.stateDir = stateDir;
    }

    /**
     * Starts imgr from {@code confFile} plus {@code overrides} (applied after the benchmark's own),
     * then formats {@code swift}'s container and serves it as {@link #VOLUME}.
     */
    static ImgrInstance start(Path confFile, List<String> overrides, BenchSwift swift) throws IOException,
            InterruptedException {
        Path stateDir = Files.createTempDirectory("imgrbench");
        List<String> all = new ArrayList<>(List.of(
                "IMGR.RetryRPCPort=" + freePort(),
                "IMGR.HTTPServerPort=" + freePort(),
                "IMGR.ServedVolumesFilePath=" + stateDir.resolve("volumes.json")));
        all.addAll(overrides);
        ImgrInstance instance;
        try {
            ConfMap conf = ConfMap.load(confFile, all);
            ImgrConfig config = ImgrConfig.from(conf);
            instance = new ImgrInstance(Imgr.start(conf), config, stateDir);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(stateDir.resolve("volumes.json"));
            Files.deleteIfExists(stateDir);
            throw e;
        }
        try {
            String body = "{\"StorageURL\":\"" + swift.containerUrl() + "\",\"AuthToken\":\"" + swift.token() + "\"}";
            instance.http("POST", "/volume", body, 201);
            instance.http("PUT", "/volume/" + VOLUME, body, 201);
        } catch (IOException | InterruptedException | RuntimeException e) {
            instance.close();
            throw e;
        }
        return instance;
    }

    /** The config imgr runs with. */
    ImgrConfig config() {
        return config;
    }

    /** imgr's retryrpc port. */
    int rpcPort() {
        return imgr.rpcPort();
    }

    private void http(String method, String path, String body, int expected) throws IOException,
            InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + imgr.httpPort() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            imgr.stop();
        } finally {
            Files.deleteIfExists(stateDir.resolve("volumes.json"));
            Files.deleteIfExists(stateDir);
        }
    }
}
