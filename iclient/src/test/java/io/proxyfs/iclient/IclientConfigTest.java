package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.conf.ConfException;
import io.proxyfs.conf.ConfMap;
import io.proxyfs.testing.LauncherCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link IclientConfig} reads iclient/dev.conf and refuses bad values naming the key. */
class IclientConfigTest {
    private static ConfMap dev(String... overrides) {
        return ConfMap.load(LauncherCheck.top().resolve("iclient/dev.conf"), List.of(overrides));
    }

    @Test
    void readsDevConf() {
        IclientConfig c = IclientConfig.from(dev());
        assertEquals("testvol", c.volumeName());
        assertEquals(Path.of("/tmp/proxyfs-mnt"), c.mountPointDirPath());
        assertEquals(15347, c.httpServerPort());
        assertEquals(32 * 1024 * 1024, c.fileFlushTriggerSize());
        assertEquals(Duration.ofSeconds(10), c.fileFlushTriggerDuration());
        assertEquals(255, c.fuse().nameLenMax());
        assertEquals("iauth-swift", c.auth().plugInPath());
        assertTrue(c.auth().envValue().contains("\"Container\":\"con\""));
        assertFalse(c.retryRpcCaCertFile().isPresent());
        assertEquals(32356, c.retryRpcClientSettings().port());
        assertEquals(Duration.ofMillis(100), c.closeCheckPointDelay(), "CloseCheckPointDelay absent from dev.conf");
        assertEquals(Duration.ZERO, IclientConfig.from(dev("ICLIENT.CloseCheckPointDelay=0s")).closeCheckPointDelay());
    }

    @Test
    void theStatusServerIsPrivateUnlessAnAddressIsGiven() {
        assertEquals("127.0.0.1", IclientConfig.from(dev()).httpServerIPAddr());
        assertEquals("127.0.0.1", IclientConfig.from(dev("ICLIENT.HTTPServerIPAddr=")).httpServerIPAddr());
        assertEquals("::1", IclientConfig.from(dev("ICLIENT.HTTPServerIPAddr=::1")).httpServerIPAddr());
    }

    @Test
    void capsFuseIoAndRefusesBadValues() {
        assertEquals(IclientConfig.LIBFUSE2_MAX_IO, IclientConfig.from(dev("ICLIENT.FUSEMaxWrite=1048576")).fuse().maxWrite());
        assertEquals(0, IclientConfig.from(dev("ICLIENT.HTTPServerPort=")).httpServerPort());
        ConfException e = assertThrows(ConfException.class,
                () -> IclientConfig.from(dev("ICLIENT.DirInodeMaxKeysPerBPlusTreePage=3")));
        assertTrue(e.getMessage().contains("[ICLIENT]DirInodeMaxKeysPerBPlusTreePage"), e.getMessage());
        assertThrows(ConfException.class, () -> IclientConfig.from(dev("ICLIENT.AuthPlugInEnvName=X")));
        assertThrows(ConfException.class, () -> IclientConfig.from(dev("ICLIENT.SwiftRetryDelayVariance=0")));
        assertThrows(ConfException.class, () -> IclientConfig.from(dev("ICLIENT.FileFlushTriggerDuration=0s")));
        assertThrows(ConfException.class, () -> IclientConfig.from(dev("ICLIENT.CloseCheckPointDelay=-1s")));
    }
}
