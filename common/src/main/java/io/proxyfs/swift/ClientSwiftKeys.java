package io.proxyfs.swift;

import io.proxyfs.conf.ConfException;
import io.proxyfs.conf.ConfMap;
import java.time.Duration;

/**
 * Reads the Swift client keys of the iclient config's section ({@code [ICLIENT]}), which iclient,
 * idestroy and icheck share: {@code SwiftTimeout}, {@code SwiftRetryLimit}, {@code SwiftRetryDelay},
 * {@code SwiftRetryDelayVariance} (percent, 1..100), {@code SwiftRetryExponentialBackoff} (&ge; 1)
 * and {@code SwiftConnectionPoolSize} (&ge; 1). (imgr's section names its keys differently,
 * {@code SwiftRetryExpBackoff}; ImgrConfig reads those.) Stateless, so thread-safe.
 */
public final class ClientSwiftKeys {
    private ClientSwiftKeys() {
    }

    /** The settings of {@code section}; a missing or malformed key is a {@link ConfException} naming it. */
    public static SwiftClientSettings read(ConfMap conf, String section) throws ConfException {
        double backoff = conf.getFloat64(section, "SwiftRetryExponentialBackoff");
        if (!(backoff >= 1.0)) {
            throw conf.invalid(section, "SwiftRetryExponentialBackoff", "must be at least 1 (got " + backoff + ")");
        }
        int variance = conf.getUint8(section, "SwiftRetryDelayVariance");
        if (variance < 1 || variance > 100) {
            throw conf.invalid(section, "SwiftRetryDelayVariance", "must be 1..100 (percent), got " + variance);
        }
        long pool = conf.getUint32(section, "SwiftConnectionPoolSize");
        if (pool < 1) {
            throw conf.invalid(section, "SwiftConnectionPoolSize", "must be at least 1, got " + pool);
        }
        return new SwiftClientSettings(positive(conf, section, "SwiftRetryDelay"), backoff,
                (int) Math.min(Integer.MAX_VALUE, conf.getUint32(section, "SwiftRetryLimit")),
                positive(conf, section, "SwiftTimeout"), (int) Math.min(Integer.MAX_VALUE, pool), variance);
    }

    private static Duration positive(ConfMap conf, String section, String key) {
        Duration d = conf.getDuration(section, key);
        if (d.isZero() || d.isNegative()) {
            throw conf.invalid(section, key, "must be positive, got " + d);
        }
        return d;
    }
}
