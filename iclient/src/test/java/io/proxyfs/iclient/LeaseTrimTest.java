package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.proxyfs.iclient.lease.LeaseState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The periodic trim of leases beyond MaxExclusiveLeases and MaxSharedLeases, against a real imgr
 * on the emulator: idle Exclusive leases beyond their cap are demoted to Shared (so what a program
 * wrote stays cached for its reads and stats), idle Shared leases beyond theirs are released, and
 * busy inodes keep theirs.
 */
class LeaseTrimTest {
    @TempDir
    static Path dir;

    private static Cluster cluster;
    private static final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        cluster = new Cluster(false, dir);
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        cluster.close();
    }

    @Test
    void exclusiveLeasesBeyondTheCapAreDemotedAndSharedOnesBeyondTheirsReleased() throws Exception {
        Cluster.LeaseMount m = cluster.leaseMount(opened, 2, 1, Duration.ZERO);
        for (long inode = 101; inode <= 104; inode++) {
            m.leases().acquire(inode, LeaseState.EXCLUSIVE);
        }
        m.leases().trim(inode -> inode == 101); // 101 is busy (open): it keeps its lease
        Map<Long, LeaseState> held = m.leases().snapshot();
        assertEquals(LeaseState.EXCLUSIVE, held.get(101L));
        assertEquals(3, held.values().stream().filter(s -> s == LeaseState.SHARED).count(), held.toString());
        assertEquals(3L, m.leases().stats().get("leaseDemotes"));
        assertEquals(0L, m.leases().stats().get("leaseReleases"));

        m.leases().trim(inode -> inode == 101); // now 3 Shared against a cap of 2
        held = m.leases().snapshot();
        assertEquals(3, held.size(), held.toString());
        assertEquals(2, held.values().stream().filter(s -> s == LeaseState.SHARED).count(), held.toString());
        assertEquals(1L, m.leases().stats().get("leaseReleases"));

        // imgr saw the demotions: another mount gets Shared leases on them at once
        Cluster.LeaseMount other = cluster.leaseMount(opened);
        for (long inode = 102; inode <= 104; inode++) {
            other.leases().acquire(inode, LeaseState.SHARED);
            assertEquals(LeaseState.SHARED, other.leases().snapshot().get(inode));
        }
    }
}
