/**
 * imgr's REST API and status pages on {@code PrivateIPAddr:HTTPServerPort}, with the original's
 * paths, methods, status codes and JSON field names: {@code POST /volume} (format),
 * {@code PUT /volume/<name>} (serve), {@code DELETE /volume/<name>} (unserve),
 * {@code GET /volume[/<name>]}, plus HTML for a browser ({@code Accept: text/html}). AuthTokens
 * never appear in any answer.
 */
package io.proxyfs.imgr.http;
