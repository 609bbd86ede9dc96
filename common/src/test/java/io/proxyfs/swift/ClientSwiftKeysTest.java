package io.proxyfs.swift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.conf.ConfException;
import io.proxyfs.conf.ConfMap;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientSwiftKeysTest {
    private static final String GOOD = "[ICLIENT]\nSwiftTimeout: 10m\nSwiftRetryLimit: 4\nSwiftRetryDelay: 100ms\n"
            + "SwiftRetryDelayVariance: 25\nSwiftRetryExponentialBackoff: 1.4\nSwiftConnectionPoolSize: 128\n";

    @Test
    void readsEveryKeyIncludingTheJitter() {
        SwiftClientSettings s = ClientSwiftKeys.read(ConfMap.parse(GOOD, "t.conf"), "ICLIENT");
        assertEquals(Duration.ofMinutes(10), s.timeout());
        assertEquals(4, s.retryLimit());
        assertEquals(Duration.ofMillis(100), s.retryDelay());
        assertEquals(25, s.retryDelayVariancePercent());
        assertEquals(1.4, s.expBackoff());
        assertEquals(128, s.connectionPoolSize());
    }

    @Test
    void refusesValuesTheClientCannotUseNamingTheKey() {
        for (String[] bad : new String[][] {{"SwiftRetryDelayVariance: 25", "SwiftRetryDelayVariance: 0"},
            {"SwiftRetryExponentialBackoff: 1.4", "SwiftRetryExponentialBackoff: 0.5"},
            {"SwiftConnectionPoolSize: 128", "SwiftConnectionPoolSize: 0"}, {"SwiftTimeout: 10m", "SwiftTimeout: 0s"}}) {
            ConfMap conf = ConfMap.parse(GOOD.replace(bad[0], bad[1]), "t.conf");
            ConfException e = assertThrows(ConfException.class, () -> ClientSwiftKeys.read(conf, "ICLIENT"));
            String key = bad[1].substring(0, bad[1].indexOf(':'));
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
    }
}
