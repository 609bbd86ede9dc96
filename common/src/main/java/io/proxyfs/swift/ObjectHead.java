package io.proxyfs.swift;

/**
 * What HEAD on an object reports. Immutable.
 *
 * @param length      Content-Length
 * @param etag        ETag without quotes
 * @param contentType Content-Type, or null
 */
public record ObjectHead(long length, String etag, String contentType) {
}
