package io.proxyfs.httpstatus;

/**
 * {@code GET /version}: the program's version as plain text, as the original (its jar's
 * Implementation-Version, or "development" when run from classes). Immutable; thread-safe.
 */
public final class VersionEndpoint implements Endpoint {
    private final String version;

    /** The version of the code that holds {@code anchor}. */
    public VersionEndpoint(Class<?> anchor) {
        String v = anchor.getPackage() == null ? null : anchor.getPackage().getImplementationVersion();
        this.version = v == null ? "development" : v;
    }

    /** The version string served. */
    public String version() {
        return version;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        return HttpResponse.text(200, version);
    }
}
