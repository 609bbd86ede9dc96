/**
 * The small HTTP server every daemon runs for people and programs: a Jetty 12 server bound to one
 * address, a {@link io.proxyfs.httpstatus.Router} of {@link io.proxyfs.httpstatus.Endpoint}s by
 * method and path, request bodies capped in size, errors as one-line reasons. The original's
 * conventions hold: a trailing {@code /} is ignored, an unknown path is 404, a known path with
 * another method is 405. Endpoints are plain functions from {@link
 * io.proxyfs.httpstatus.HttpRequest} to {@link io.proxyfs.httpstatus.HttpResponse}, so they are
 * testable without a socket.
 */
package io.proxyfs.httpstatus;
