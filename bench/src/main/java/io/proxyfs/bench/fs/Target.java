package io.proxyfs.bench.fs;

import java.nio.file.Path;

/**
 * A place the workloads run in: a directory on some file system that the benchmark set up and
 * will take down: local disk, bindfs, this project's mount and the peers rclone mount and s3fs.
 */
interface Target {
    /** Short name used in tables and CSV ("local", "bindfs", "proxyfs", "rclone", "s3fs"). */
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
     * A peer whose data reaches Swift only later (rclone, s3fs) also waits for that and unmounts;
     * {@link #reopen} mounts it again.
     */
    void makeDurable() throws Exception;

    /** Untimed, after every timed workload: mounts again if {@link #makeDurable} unmounted. */
    default void reopen() throws Exception {
    }
}
