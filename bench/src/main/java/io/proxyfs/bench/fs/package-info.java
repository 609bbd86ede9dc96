/**
 * The file-system benchmark ({@link io.proxyfs.bench.fs.FsBenchmark}, issue 16, the base of issue
 * 19's suite): the same workloads on local disk, on a FUSE passthrough ({@code bindfs}) and on
 * this project's iclient mount, all started and stopped by the benchmark, with medians and ratios
 * against the baselines measured in the same run.
 */
package io.proxyfs.bench.fs;
