/**
 * An in-process emulator of the subset of OpenStack Swift that ProxyFS uses (upstream
 * {@code iswift/iswiftpkg}).
 *
 * <p>{@link io.proxyfs.iswift.SwiftEmulator} serves, on a Jetty 12 connector:
 * <ul>
 *   <li>{@code GET /auth/v1.0} (tempauth style: {@code X-Auth-User}/{@code X-Auth-Key} in,
 *       {@code X-Auth-Token}, {@code X-Storage-Token}, {@code X-Storage-Url} out);</li>
 *   <li>{@code GET /healthcheck} and {@code GET /info};</li>
 *   <li>account GET, container PUT/HEAD/GET/DELETE, object PUT/GET/HEAD/DELETE under
 *       {@code /v1/<account>/...}, each requiring a valid {@code X-Auth-Token};</li>
 *   <li>{@code GET|POST|DELETE /_fault}: the fault-injection admin endpoint (loopback callers
 *       only), see {@link io.proxyfs.iswift.FaultRule}.</li>
 * </ul>
 * Objects live in memory, or under a directory so they survive a restart.
 * {@link io.proxyfs.iswift.Main} runs it from the command line ({@code scripts/iswift.sh}).
 */
package io.proxyfs.iswift;
