package io.proxyfs.idestroy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * What idestroy asks imgr's HTTP server before it empties a container: which served volume (if
 * any) lives in it and how many mounts it has ({@code GET /volume}), and to stop serving it
 * ({@code DELETE /volume/<name>}) so that imgr writes no checkpoint into the emptied container.
 * Thread-safe.
 */
public final class ImgrVolumes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI imgr;
    private final HttpClient http;

    /** @param imgr imgr's HTTP server, e.g. {@code http://127.0.0.1:15346} */
    public ImgrVolumes(URI imgr) {
        this.imgr = imgr;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** imgr's HTTP server address. */
    public URI address() {
        return imgr;
    }

    /**
     * The volume imgr serves from {@code containerUrl}, if any.
     *
     * @throws IOException when imgr cannot be reached or answers something else than its volume list
     */
    public Optional<ServedVolume> servedFrom(String containerUrl) throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(imgr.resolve("/volume")).GET());
        if (r.statusCode() != 200) {
            throw new IOException("imgr " + imgr + " answered GET /volume with " + r.statusCode());
        }
        JsonNode list;
        try {
            list = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IOException("imgr " + imgr + " answered GET /volume with a body that is not JSON", e);
        }
        if (!list.isArray()) {
            throw new IOException("imgr " + imgr + " answered GET /volume with JSON that is not a list");
        }
        String wanted = trimSlashes(containerUrl);
        for (JsonNode v : list) {
            if (trimSlashes(v.path("StorageURL").asText()).equals(wanted)) {
                long mounts = v.path("HealthyMounts").asLong() + v.path("LeasesExpiredMounts").asLong()
                        + v.path("AuthTokenExpiredMounts").asLong();
                return Optional.of(new ServedVolume(v.path("Name").asText(), mounts));
            }
        }
        return Optional.empty();
    }

    /** Tells imgr to stop serving {@code name}. */
    public void unserve(String name) throws IOException {
        String path = "/volume/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        HttpResponse<String> r = send(HttpRequest.newBuilder(imgr.resolve(path)).DELETE());
        if (r.statusCode() / 100 != 2 && r.statusCode() != 404) {
            throw new IOException("imgr " + imgr + " refused DELETE " + path + " with " + r.statusCode() + ": "
                    + r.body().strip());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted talking to imgr " + imgr, e);
        }
    }

    private static String trimSlashes(String url) {
        String s = url;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
