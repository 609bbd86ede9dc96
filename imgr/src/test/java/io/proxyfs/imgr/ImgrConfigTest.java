package io.proxyfs.imgr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.conf.ConfException;
import io.proxyfs.conf.ConfMap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImgrConfigTest {
    private static final Path DEV_CONF = Path.of("dev.conf");

    private static ImgrConfig load(String... overrides) {
        return ImgrConfig.from(ConfMap.load(DEV_CONF, List.of(overrides)));
    }

    private static void assertRefused(String keyInMessage, String... overrides) {
        ConfException e = assertThrows(ConfException.class, () -> load(overrides));
        assertTrue(e.getMessage().contains("[IMGR]" + keyInMessage), e.getMessage());
        assertTrue(e.getMessage().contains("dev.conf"), e.getMessage());
    }

    @Test
    void devConfLoadsWithTheOriginalsValues() {
        ImgrConfig c = load();
        assertEquals("127.0.0.1", c.publicIPAddr());
        assertEquals(32356, c.retryRpc().port());
        assertEquals(15346, c.httpServerPort());
        assertEquals(Duration.ofMinutes(10), c.retryRpc().ttlCompleted());
        assertEquals(Duration.ofMillis(100), c.retryRpc().ackTrim());
        assertTrue(c.retryRpc().certFile().isEmpty());
        assertEquals(Duration.ofSeconds(10), c.checkPoint().interval());
        assertEquals(List.of(), c.checkPoint().ipAddrs());
        assertEquals(100, c.fetchNonceRangeToReturn());
        assertEquals(Duration.ofMillis(250), c.leases().minLeaseDuration());
        assertEquals(20, c.leases().leaseInterruptLimit());
        assertEquals(2.0, c.swift().retryExpBackoff());
        assertEquals(4, c.swift().retryLimit());
        assertEquals(2048, c.inodeTableMaxInodesPerBPlusTreePage());
        assertEquals(1024, c.rootDirMaxDirEntriesPerBPlusTreePage());
        assertTrue(c.logging().toConsole());
        assertFalse(c.logging().traceEnabled());
        assertTrue(c.logging().logFile().isEmpty());
        assertEquals(32356, c.retryRpcServerSettings().port());
        assertEquals(Duration.ofSeconds(60), c.retryRpcServerSettings().keepAlivePeriod());
        assertFalse(c.retryRpcServerSettings().tls());
    }

    @Test
    void malformedAndMissingValuesAreRefusedByKey() {
        assertRefused("RetryRPCPort", "IMGR.RetryRPCPort=32x56");
        assertRefused("HTTPServerPort", "IMGR.HTTPServerPort=0");
        assertRefused("CheckPointInterval", "IMGR.CheckPointInterval=0s");
        assertRefused("PublicIPAddr", "IMGR.PublicIPAddr=");
        assertRefused("FetchNonceRangeToReturn", "IMGR.FetchNonceRangeToReturn=0");
        assertRefused("InodeTableMaxInodesPerBPlusTreePage", "IMGR.InodeTableMaxInodesPerBPlusTreePage=7");
        assertRefused("SwiftRetryExpBackoff", "IMGR.SwiftRetryExpBackoff=0.5");
    }

    @Test
    void contradictionsAreRefused() {
        assertRefused("RetryRPCKeyFilePath", "IMGR.RetryRPCCertFilePath=/tmp/cert.pem");
        assertRefused("InodeTableCacheEvictLowLimit", "IMGR.InodeTableCacheEvictLowLimit=20000");
        assertRefused("LeaseEvictLowLimit", "IMGR.LeaseEvictLowLimit=200000");
    }

    @Test
    void ickptClusterKeysAreRequiredOnlyWithInstances() {
        ImgrConfig c = load("IMGR.CheckPointIPAddrs=127.0.0.1,127.0.0.2,127.0.0.3");
        assertEquals(List.of("127.0.0.1", "127.0.0.2", "127.0.0.3"), c.checkPoint().ipAddrs());
        assertEquals(33123, c.checkPoint().port());
        assertEquals(4, c.checkPoint().retryLimit());
        assertRefused("CheckPointIPAddrs", "IMGR.CheckPointIPAddrs=127.0.0.1,127.0.0.2");
        ImgrConfig ports = load("IMGR.CheckPointIPAddrs=127.0.0.1:33124,127.0.0.1:33125,127.0.0.1");
        assertEquals(List.of("127.0.0.1:33124", "127.0.0.1:33125", "127.0.0.1"), ports.checkPoint().ipAddrs(),
                "an entry may carry its own port (the quorum client uses CheckPointPort for the others)");
        ConfException e = assertThrows(ConfException.class, () -> ImgrConfig.from(
                ConfMap.parse("[IMGR]\nCheckPointIPAddrs: 127.0.0.1\n", "t.conf")));
        assertTrue(e.getMessage().contains("[IMGR]"), e.getMessage());
    }

    @Test
    void lateKeysDefaultWhenAbsent() {
        String text = ConfMap.load(DEV_CONF).asMap().get("IMGR").entrySet().stream()
                .filter(o -> !List.of("MountLimit", "OpenFileLimit", "ParallelObjectDeletePerVolumeLimit",
                        "RetryRPCLogEnabled").contains(o.getKey()))
                .map(o -> o.getKey() + ": " + String.join(",", o.getValue()))
                .reduce("[IMGR]\n", (a, b) -> a + b + "\n");
        ImgrConfig c = ImgrConfig.from(ConfMap.parse(text, "old.conf"));
        assertEquals(10000, c.mountLimit());
        assertEquals(100000, c.openFileLimit());
        assertEquals(100, c.parallelObjectDeletePerVolumeLimit());
        assertFalse(c.retryRpc().logEnabled());
    }
}
