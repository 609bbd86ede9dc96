package io.proxyfs.ickpt;

import io.proxyfs.httpstatus.HttpError;
import io.proxyfs.swift.ContainerUrl;

/**
 * A volume as an ickpt request names it: the {@code X-Storage-Url} header, the full URL of the
 * volume's checkpoint object ({@code http://host:port/v1/AUTH_x/container/0000000000000000}),
 * split into its container URL and object name; the store's key is the URL without its scheme,
 * so http and https name the same volume (as the original's key does). Immutable.
 *
 * @param url the header's value
 * @param container the container's URL split into account and container
 * @param object the object's name
 */
record VolumeUrl(String url, ContainerUrl container, String object) {
    /** Parses the header; a 400 with the reason if it is not such a URL. */
    static VolumeUrl parse(String header) throws HttpError {
        String lower = header.toLowerCase(java.util.Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new HttpError(400, "X-Storage-Url must be an http(s) URL of a checkpoint object, got: " + header);
        }
        int slash = header.lastIndexOf('/');
        String object = header.substring(slash + 1);
        if (object.isEmpty() || object.contains("?") || object.contains("#")) {
            throw new HttpError(400, "X-Storage-Url must end in the checkpoint object's name, got: " + header);
        }
        try {
            return new VolumeUrl(header, ContainerUrl.parse(header.substring(0, slash)), object);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "X-Storage-Url: " + e.getMessage());
        }
    }

    /** The store's key: the URL without its scheme. */
    String key() {
        return url.substring(url.indexOf("://") + 3);
    }
}
