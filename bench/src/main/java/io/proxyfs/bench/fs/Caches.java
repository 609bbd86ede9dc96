package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Empties the kernel's page, dentry and inode caches ({@code sync; echo 3 > /proc/sys/vm/drop_caches}),
 * so that a cold read really reads the storage. Needs root; without it, reads after a remount
 * are only as cold as the remount makes them, and {@link #dropped()} says so.
 */
final class Caches {
    private boolean refused;

    /** Syncs and drops the caches; remembers (does not fail) when not allowed. */
    void drop() throws IOException, InterruptedException {
        Commands.check(600, "sync");
        try {
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3");
        } catch (IOException e) {
            refused = true;
        }
    }

    /** False if a drop was refused (not root), so "cold" figures were partly warm. */
    boolean dropped() {
        return !refused;
    }
}
