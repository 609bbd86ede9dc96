package io.proxyfs.idestroy;

import io.proxyfs.testing.LauncherCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(300)
class LauncherIT {
    @Test
    void launcherRefusesBadCommandLinesAndConfig() throws Exception {
        LauncherCheck.assertRefusals("idestroy", "iclient/dev.conf", "ICLIENT.LogToConsole");
    }
}
