/**
 * The Swift HTTP client shared by imgr, iclient and idestroy (upstream
 * {@code imgr/imgrpkg/swift-client.go} and the Swift calls in {@code iclient/iclientpkg/rpc.go}).
 *
 * <p>{@link io.proxyfs.swift.SwiftClient} does container and object I/O over one shared OkHttp
 * client, retrying connection errors, 5xx, 408 and 429 with exponential backoff
 * ({@link io.proxyfs.swift.SwiftClientSettings}: the original's {@code SwiftRetryDelay},
 * {@code SwiftRetryExpBackoff}, {@code SwiftRetryLimit}, {@code SwiftTimeout},
 * {@code SwiftConnectionPoolSize}). Tokens come from a {@link io.proxyfs.swift.SwiftAuth}:
 * {@link io.proxyfs.swift.TempAuth} (v1.0 credentials, re-authenticates on 401) or
 * {@link io.proxyfs.swift.FixedTokenAuth} (a token handed over, e.g. by a mount; a 401 raises
 * {@link io.proxyfs.swift.SwiftAuthException}). Every failure is a
 * {@link io.proxyfs.swift.SwiftException} naming method, object and HTTP status; no token ever
 * appears in a message or log line.
 */
package io.proxyfs.swift;
