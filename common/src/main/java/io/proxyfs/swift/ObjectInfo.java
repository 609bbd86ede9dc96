package io.proxyfs.swift;

/**
 * One entry of a JSON container listing. Immutable.
 *
 * @param name         object name
 * @param bytes        object length
 * @param hash         MD5 ETag, lowercase hex
 * @param contentType  stored Content-Type
 * @param lastModified Swift's timestamp text, e.g. {@code 2024-05-01T10:00:00.123456}
 */
public record ObjectInfo(String name, long bytes, String hash, String contentType, String lastModified) {
}
