/**
 * ickpt's benchmark ({@link io.proxyfs.bench.ickpt.IckptBenchmark}): checkpoint commits per
 * second and read latency on one instance and on a 3-instance quorum, next to same-run baselines.
 */
package io.proxyfs.bench.ickpt;
