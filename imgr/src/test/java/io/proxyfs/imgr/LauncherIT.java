package io.proxyfs.imgr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.testing.LauncherCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(300)
class LauncherIT {
    @Test
    void launcherRefusesBadCommandLinesAndConfig() throws Exception {
        LauncherCheck.assertRefusals("imgr", "imgr/dev.conf", "IMGR.LogToConsole");
    }

    @Test
    void everyImgrKeyIsCheckedBeforeStarting() throws Exception {
        LauncherCheck.Result r = LauncherCheck.run("imgr", "imgr/dev.conf", "IMGR.RetryRPCPort=32x56");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.stderr().contains("imgr: failed to load config: imgr/dev.conf: [IMGR]RetryRPCPort: \"32x56\""),
                r.stderr());
    }
}
