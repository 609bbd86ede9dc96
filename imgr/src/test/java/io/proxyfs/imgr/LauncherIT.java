package io.proxyfs.imgr;

import io.proxyfs.testing.LauncherCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(300)
class LauncherIT {
    @Test
    void launcherRefusesBadCommandLinesAndConfig() throws Exception {
        LauncherCheck.assertRefusals("imgr", "imgr/dev.conf", "IMGR.LogToConsole");
    }
}
