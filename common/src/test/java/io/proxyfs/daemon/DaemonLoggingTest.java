package io.proxyfs.daemon;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class DaemonLoggingTest {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonLoggingTest.class);

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        DaemonLogging.configure(LogSettings.consoleOnly());
    }

    @Test
    void traceGoesToTheFileOnlyWhenEnabled() throws Exception {
        Path log = dir.resolve("d.log");
        DaemonLogging.configure(new LogSettings(Optional.of(log), false, false));
        LOG.info("info line");
        LOG.trace("trace line one");
        DaemonLogging.configure(new LogSettings(Optional.of(log), false, true));
        LOG.trace("trace line two");
        String text = Files.readString(log);
        assertTrue(text.contains("[INFO] DaemonLoggingTest: info line"), text);
        assertFalse(text.contains("trace line one"), text);
        assertTrue(text.contains("[TRACE] DaemonLoggingTest: trace line two"), text);
    }

    @Test
    void retryRpcLogEnabledWritesRetryRpcDebugLinesOnly() throws Exception {
        Path log = dir.resolve("r.log");
        org.slf4j.Logger retryRpc = LoggerFactory.getLogger("io.proxyfs.retryrpc.RetryRpcClient");
        DaemonLogging.configure(new LogSettings(Optional.of(log), false, false, false));
        retryRpc.debug("rpc line off");
        DaemonLogging.configure(new LogSettings(Optional.of(log), false, false, true));
        retryRpc.debug("rpc line on");
        LOG.debug("other debug line");
        String text = Files.readString(log);
        assertFalse(text.contains("rpc line off"), text);
        assertTrue(text.contains("[DEBUG] RetryRpcClient: rpc line on"), text);
        assertFalse(text.contains("other debug line"), text);
    }

    @Test
    void reopenStartsANewFileAfterRotation() throws Exception {
        Path log = dir.resolve("d.log");
        Path rotated = dir.resolve("d.log.1");
        DaemonLogging.configure(new LogSettings(Optional.of(log), false, false));
        LOG.info("before rotation");
        Files.move(log, rotated);
        DaemonLogging.reopen();
        LOG.info("after rotation");
        assertTrue(Files.readString(rotated).contains("before rotation"));
        String fresh = Files.readString(log);
        assertTrue(fresh.contains("after rotation"), fresh);
        assertFalse(fresh.contains("before rotation"), fresh);
    }
}
