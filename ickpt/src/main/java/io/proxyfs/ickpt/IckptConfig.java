package io.proxyfs.ickpt;

import io.proxyfs.conf.ConfMap;
import io.proxyfs.daemon.LogSettings;
import io.proxyfs.daemon.LogSettingsReader;
import io.proxyfs.swift.SwiftClientSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * ickpt's {@code [ICKPT]} section, read once and checked as a whole before anything starts: the
 * original's keys and units ({@code IPAddr}, {@code Port}, {@code CertFilePath}/{@code KeyFilePath}/
 * {@code CACertFilePath} — all empty: HTTP, all set: HTTPS, a mix is refused — {@code DataBasePath},
 * {@code SwiftRetryDelay}, {@code SwiftRetryExpBackoff}, {@code SwiftRetryLimit}, {@code SwiftTimeout},
 * {@code SwiftConnectionPoolSize}, {@code TransactionTimeout}) plus logging. The three
 * {@code SwiftRetry*} keys default (100ms, 2, 4, as the original's ickpt.conf) because the
 * original's dev.conf lacks them. Errors name {@code [ICKPT]Key}. Immutable.
 *
 * @param ipAddr where ickpt listens
 * @param port its port (0: a free one, for tests)
 * @param certFile TLS certificate, if HTTPS
 * @param keyFile TLS key, if HTTPS
 * @param caCertFile the CA that signed the certificate, if HTTPS (checked to exist)
 * @param dataBasePath the RocksDB directory (created if missing)
 * @param swift the Swift client's settings for authorization GETs
 * @param transactionTimeout how long an uncommitted stage lives
 * @param logging LogFilePath, LogToConsole, TraceEnabled
 */
public record IckptConfig(String ipAddr, int port, Optional<Path> certFile, Optional<Path> keyFile,
        Optional<Path> caCertFile, Path dataBasePath, SwiftClientSettings swift, Duration transactionTimeout,
        LogSettings logging) {

    /** The section name. */
    public static final String SECTION = "ICKPT";

    /** Reads and checks the {@code [ICKPT]} section. */
    public static IckptConfig from(ConfMap conf) {
        String s = SECTION;
        Optional<Path> cert = optionalPath(conf, "CertFilePath");
        Optional<Path> key = optionalPath(conf, "KeyFilePath");
        Optional<Path> ca = optionalPath(conf, "CACertFilePath");
        int set = (cert.isPresent() ? 1 : 0) + (key.isPresent() ? 1 : 0) + (ca.isPresent() ? 1 : 0);
        if (set != 0 && set != 3) {
            throw conf.invalid(s, cert.isEmpty() ? "CertFilePath" : key.isEmpty() ? "KeyFilePath" : "CACertFilePath",
                    "CertFilePath, KeyFilePath and CACertFilePath must all be set (HTTPS) or all be empty (HTTP)");
        }
        String dataBase = conf.getString(s, "DataBasePath");
        if (dataBase.isEmpty()) {
            throw conf.invalid(s, "DataBasePath", "must name a directory");
        }
        double backoff = conf.getFloat64(s, "SwiftRetryExpBackoff", 2.0);
        if (!(backoff >= 1.0)) {
            throw conf.invalid(s, "SwiftRetryExpBackoff", "must be at least 1 (got " + backoff + ")");
        }
        long poolSize = conf.getUint32(s, "SwiftConnectionPoolSize");
        if (poolSize < 1 || poolSize > 100_000) {
            throw conf.invalid(s, "SwiftConnectionPoolSize", "must be from 1 to 100000 (got " + poolSize + ")");
        }
        long retryLimit = conf.getUint32(s, "SwiftRetryLimit", 4);
        if (retryLimit > 1000) {
            throw conf.invalid(s, "SwiftRetryLimit", "must be at most 1000 (got " + retryLimit + ")");
        }
        SwiftClientSettings swift = new SwiftClientSettings(positive(conf, "SwiftRetryDelay",
                Optional.of(Duration.ofMillis(100))), backoff, (int) retryLimit,
                positive(conf, "SwiftTimeout", Optional.empty()), (int) poolSize);
        return new IckptConfig(conf.getString(s, "IPAddr"), conf.getUint16(s, "Port"), cert, key, ca,
                Path.of(dataBase), swift, positive(conf, "TransactionTimeout", Optional.empty()),
                LogSettingsReader.read(conf, s));
    }

    /** Whether ickpt serves HTTPS. */
    public boolean tls() {
        return certFile.isPresent();
    }

    private static Duration positive(ConfMap conf, String key, Optional<Duration> defaultValue) {
        Duration d = defaultValue.isPresent() ? conf.getDuration(SECTION, key, defaultValue.get())
                : conf.getDuration(SECTION, key);
        if (d.isZero() || d.isNegative()) {
            throw conf.invalid(SECTION, key, "must be longer than 0");
        }
        return d;
    }

    private static Optional<Path> optionalPath(ConfMap conf, String key) {
        if (conf.isMissing(SECTION, key)) {
            return Optional.empty();
        }
        List<String> values = conf.getStringList(SECTION, key);
        return values.isEmpty() || values.get(0).isEmpty() ? Optional.empty() : Optional.of(Path.of(values.get(0)));
    }
}
