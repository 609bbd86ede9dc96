package io.proxyfs.imgr.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LeaseSettingsTest {

    private static final Duration MS = Duration.ofMillis(1);

    @Test
    void defaultsAreTheOriginalConfiguration() {
        LeaseSettings defaults = LeaseSettings.defaults();
        assertEquals(Duration.ofMillis(250), defaults.minLeaseDuration());
        assertEquals(Duration.ofMillis(250), defaults.leaseInterruptInterval());
        assertEquals(20, defaults.leaseInterruptLimit());
        assertEquals(100_000, defaults.leaseEvictLowLimit());
        assertEquals(100_010, defaults.leaseEvictHighLimit());
    }

    @Test
    void lowLimitMayEqualHighLimit() {
        assertEquals(5, new LeaseSettings(MS, MS, 1, 5, 5).leaseEvictHighLimit());
    }

    @Test
    void invalidValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LeaseSettings(Duration.ZERO, MS, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new LeaseSettings(MS, Duration.ofMillis(-1), 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new LeaseSettings(MS, MS, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new LeaseSettings(MS, MS, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new LeaseSettings(MS, MS, 1, 3, 2));
        assertThrows(NullPointerException.class, () -> new LeaseSettings(null, MS, 1, 1, 1));
    }
}
