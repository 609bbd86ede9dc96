package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MountPointTest {
    private static final List<String> STACKED = List.of(
            "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw",
            "612 22 0:61 / /tmp/x/mnt rw,nosuid,nodev,relatime shared:330 - fuse.ProxyFS proxyfs:testvol rw,user_id=0",
            "640 22 0:70 / /tmp/a\\040b rw,relatime shared:340 - tmpfs none rw",
            "655 612 0:72 / /tmp/x/mnt rw,relatime shared:350 - tmpfs proxyfs-crashit-cover rw");

    @Test
    void theMountOnTopIsTheLastOneListedAtThePath() {
        assertEquals(OptionalLong.of(655), MountPoint.topMountId(STACKED, "/tmp/x/mnt"));
        assertEquals(OptionalLong.of(640), MountPoint.topMountId(STACKED, "/tmp/a b"));
        assertEquals(OptionalLong.empty(), MountPoint.topMountId(STACKED, "/tmp/x"));
    }

    @Test
    void aCoveredMountIsStillMountedAtItsPath() {
        assertTrue(MountPoint.mountedAs(STACKED, "/tmp/x/mnt", 612));
        assertTrue(MountPoint.mountedAs(STACKED, "/tmp/x/mnt", 655));
        assertFalse(MountPoint.mountedAs(STACKED, "/tmp/x/mnt", 640), "640 is mounted elsewhere");
        assertFalse(MountPoint.mountedAs(STACKED.subList(0, 1), "/tmp/x/mnt", 612));
    }
}
