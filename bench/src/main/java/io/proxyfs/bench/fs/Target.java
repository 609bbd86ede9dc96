package io.proxyfs.bench.fs;

import java.nio.file.Path;

/**
 * A place the workloads run in: a directory on some file system that the benchmark set up and
 * will take down. Issue 19's further peers (rclone mount, s3fs) are further implementations.
 */
interface Target {
    /** Short name used in tables and CSV ("local", "bindfs", "proxyfs"). */
    String name();

    /** One line for the report: what this is and how it was set up. */
    String description();

    /** The directory the workloads write under. */
    Path root();

    /**
     * Makes the next reads come from the storage: drops the kernel's caches and, for a mount,
     * unmounts and mounts again (so the daemon's own caches are empty too). Untimed.
     */
    void makeCold() throws Exception;

    /**
     * Makes everything written so far durable, the way a user would ask for it ({@code sync -f}
     * on the file system, for a mount also on what lies under it). Timed as part of a workload.
     */
    void makeDurable() throws Exception;
}
