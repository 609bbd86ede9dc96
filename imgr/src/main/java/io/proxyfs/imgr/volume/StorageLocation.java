package io.proxyfs.imgr.volume;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A volume's {@code StorageURL} split the way Swift sees it: the account URL
 * ({@code http://host:8080/v1/AUTH_test}) and the container ({@code con}). Immutable.
 *
 * @param storageUrl the URL as given
 * @param accountUrl everything before the last path segment
 * @param container the last path segment
 */
public record StorageLocation(String storageUrl, String accountUrl, String container) {

    /** Splits a StorageURL; refuses anything that is not {@code http(s)://host[:port]/v1/<account>/<container>}. */
    public static StorageLocation parse(String storageUrl) {
        if (storageUrl == null || storageUrl.isBlank()) {
            throw new IllegalArgumentException("StorageURL is missing");
        }
        URI uri;
        try {
            uri = new URI(storageUrl);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("StorageURL " + storageUrl + " is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("StorageURL " + storageUrl + " must be an http(s) URL with a host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String[] segments = path.split("/");
        if (segments.length < 4 || segments[segments.length - 1].isEmpty() || segments[segments.length - 2].isEmpty()
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("StorageURL " + storageUrl
                    + " must name a container: http(s)://host[:port]/v1/<account>/<container>");
        }
        String trimmed = storageUrl.endsWith("/") ? storageUrl.substring(0, storageUrl.length() - 1) : storageUrl;
        int cut = trimmed.lastIndexOf('/');
        return new StorageLocation(trimmed, trimmed.substring(0, cut),
                java.net.URLDecoder.decode(segments[segments.length - 1], java.nio.charset.StandardCharsets.UTF_8));
    }
}
