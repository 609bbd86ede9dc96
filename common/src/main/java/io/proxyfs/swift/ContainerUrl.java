package io.proxyfs.swift;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * A container's URL split into the account's storage URL and the container name, for callers
 * given a volume's {@code StorageURL} such as {@code http://127.0.0.1:8080/v1/AUTH_test/con}
 * (imgr's volume list, iclient's auth plug-in), while {@link SwiftClient} takes the account URL
 * from its {@link SwiftAuth} and the container per call. Immutable.
 *
 * @param storageUrl account URL, e.g. {@code http://127.0.0.1:8080/v1/AUTH_test}
 * @param container  container name, decoded
 */
public record ContainerUrl(String storageUrl, String container) {
    public ContainerUrl {
        Objects.requireNonNull(storageUrl, "storageUrl");
        Objects.requireNonNull(container, "container");
    }

    /**
     * Splits {@code url} at its last path segment.
     *
     * @throws IllegalArgumentException when it is not an http(s) URL ending in a container name
     */
    public static ContainerUrl parse(String url) {
        HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(url, "url"));
        if (parsed == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + url);
        }
        List<String> segments = new ArrayList<>(parsed.pathSegments());
        while (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
            segments.remove(segments.size() - 1);
        }
        if (segments.size() < 3) {
            throw new IllegalArgumentException("expected <scheme>://<host>/v1/<account>/<container>, got " + url);
        }
        String container = segments.remove(segments.size() - 1);
        HttpUrl.Builder account = parsed.newBuilder().encodedPath("/").query(null).fragment(null);
        for (String s : segments) {
            account.addPathSegment(s);
        }
        String storage = account.build().toString();
        return new ContainerUrl(storage.endsWith("/") ? storage.substring(0, storage.length() - 1) : storage,
                container);
    }

    /** The container's own URL again. */
    @Override
    public String toString() {
        return HttpUrl.get(storageUrl).newBuilder().addPathSegment(container).build().toString();
    }
}
