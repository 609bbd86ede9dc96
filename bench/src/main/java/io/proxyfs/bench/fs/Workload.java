package io.proxyfs.bench.fs;

import java.nio.file.Path;

/**
 * One thing the benchmark times, identical on every target. A run of a workload on a target gets
 * that run's own directory ({@code <target root>/run-<n>}); workloads run in the order given and
 * may use what earlier ones of the same run left there (the cold read reads the sequential
 * write's file, stat the small files).
 */
interface Workload {
    /** Short key for CSV ("seq-write"). */
    String key();

    /** What the table calls it, with its size ("sequential write 1 GiB + fsync"). */
    String title();

    /** The unit of the figure ("MB/s", "files/s"). */
    String unit();

    /** Untimed preparation, right before {@link #run} (e.g. a cold remount). */
    default void prepare(Target target, Path runDir) throws Exception {
    }

    /**
     * The timed part. Returns how much it did, in the numerator of {@link #unit} (megabytes,
     * files, entries); the figure is that divided by the elapsed seconds. Fails if what it did
     * was wrong (short read, missing entries), never silently.
     */
    double run(Target target, Path runDir) throws Exception;
}
