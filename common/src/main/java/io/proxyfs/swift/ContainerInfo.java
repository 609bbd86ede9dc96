package io.proxyfs.swift;

/**
 * What HEAD on a container reports. Immutable.
 *
 * @param objectCount {@code X-Container-Object-Count}
 * @param bytesUsed   {@code X-Container-Bytes-Used}
 */
public record ContainerInfo(long objectCount, long bytesUsed) {
}
