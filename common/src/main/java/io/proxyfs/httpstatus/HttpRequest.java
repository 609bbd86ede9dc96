package io.proxyfs.httpstatus;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as an endpoint sees it: the method, the path (without a trailing {@code /}),
 * the path's remainder after the route's prefix, query parameters, headers (names lower-case)
 * and the whole body (already capped by the server). Immutable.
 *
 * @param method the HTTP method, upper-case
 * @param path the request path, trailing {@code /} removed (the root stays {@code /})
 * @param remainder what follows the route's prefix and a {@code /}, or "" (set by the router)
 * @param query query parameters, first value of each
 * @param headers request headers, lower-case names, first value of each
 * @param body the request body
 */
public record HttpRequest(String method, String path, String remainder, Map<String, String> query,
        Map<String, String> headers, byte[] body) {

    public HttpRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    /** The body, decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body bytes (a copy). */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** A header's first value, by case-insensitive name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** Whether the client asked for HTML (a browser), as the original decides: Accept contains text/html. */
    public boolean wantsHtml() {
        return header("Accept").map(a -> a.contains("text/html")).orElse(false);
    }

    /** The same request with the remainder set (used by the router). */
    HttpRequest withRemainder(String newRemainder) {
        return new HttpRequest(method, path, newRemainder, query, headers, body);
    }

    /** The path split into its non-empty segments. */
    public List<String> segments() {
        return List.of(path.split("/")).stream().filter(s -> !s.isEmpty()).toList();
    }
}
