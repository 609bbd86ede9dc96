package io.proxyfs.ickptclient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How imgr reaches its ickpt instances, from its {@code [IMGR] CheckPoint*} keys. Immutable.
 *
 * @param addresses the instances, each {@code host} (using {@code port}) or {@code host:port}
 * @param port CheckPointPort, for addresses without their own
 * @param caCertFile CheckPointCACertFilePath: HTTPS trusting this CA; empty: HTTP
 * @param retryDelay CheckPointRetryDelay: the wait before the first retry
 * @param retryExpBackoff CheckPointRetryExpBackoff: each wait is this many times the last
 * @param retryLimit CheckPointRetryLimit: retries after the first try
 * @param timeout CheckPointTimeout: the bound on one request
 * @param connectionPoolSize CheckPointConnectionPoolSize: requests in flight and idle connections kept
 */
public record IckptClientSettings(List<String> addresses, int port, Optional<Path> caCertFile, Duration retryDelay,
        double retryExpBackoff, int retryLimit, Duration timeout, int connectionPoolSize) {
    public IckptClientSettings {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty() || addresses.size() % 2 == 0) {
            throw new IllegalArgumentException("an ickpt quorum needs an odd number of instances (1, 3, 5, ...), got "
                    + addresses.size());
        }
        if (retryExpBackoff < 1.0 || retryLimit < 0 || connectionPoolSize < 1 || timeout.isZero()
                || timeout.isNegative() || retryDelay.isNegative()) {
            throw new IllegalArgumentException("bad ickpt client settings: backoff " + retryExpBackoff + ", limit "
                    + retryLimit + ", pool " + connectionPoolSize + ", timeout " + timeout + ", delay " + retryDelay);
        }
    }

    /** The base URL of each instance. */
    public List<String> baseUrls() {
        String scheme = caCertFile.isPresent() ? "https" : "http";
        return addresses.stream().map(a -> {
            boolean hasPort = a.startsWith("[") ? a.contains("]:") : a.contains(":");
            return scheme + "://" + (hasPort ? a : a + ":" + port);
        }).toList();
    }
}
