package io.proxyfs.ickpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.conf.ConfException;
import io.proxyfs.conf.ConfMap;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The [ICKPT] section's checks, and a second ickpt on the same database refused with a clear reason. */
@Timeout(30)
class IckptStartTest {
    @TempDir
    Path dir;

    private ConfMap conf() {
        return IckptInstances.conf(dir.resolve("db"), 0, Duration.ofSeconds(10));
    }

    private String refusal(String override) {
        return assertThrows(ConfException.class, () -> IckptConfig.from(conf().withOverride(override))).getMessage();
    }

    @Test
    void badKeysAreRefusedByName() {
        IckptConfig c = IckptConfig.from(conf());
        assertEquals(Duration.ofSeconds(10), c.transactionTimeout());
        assertEquals(1, c.swift().retryLimit(), "SwiftRetryLimit from the test conf");
        assertEquals(java.util.Optional.empty(), c.certFile(), "plain HTTP");
        assertTrue(refusal("ICKPT.KeyFilePath=/x.pem").contains("KeyFilePath"));
        assertTrue(refusal("ICKPT.TransactionTimeout=0s").contains("TransactionTimeout"));
        assertTrue(refusal("ICKPT.SwiftRetryExpBackoff=0.5").contains("SwiftRetryExpBackoff"));
        assertTrue(refusal("ICKPT.DataBasePath=").contains("DataBasePath"));
        assertTrue(refusal("ICKPT.Port=70000").contains("Port"));
        assertTrue(refusal("ICKPT.SwiftConnectionPoolSize=0").contains("SwiftConnectionPoolSize"));
    }

    @Test
    void aSecondInstanceOnTheSameDatabaseIsRefused() throws Exception {
        Ickpt first = Ickpt.start(conf());
        try {
            IOException e = assertThrows(IOException.class, () -> Ickpt.start(conf()));
            assertTrue(e.getMessage().contains("is another ickpt using it?"), e.getMessage());
        } finally {
            first.stop();
        }
    }
}
