/**
 * imgr's end-to-end benchmark ({@link io.proxyfs.bench.imgr.ImgrBenchmark}, issue 15): inode-table
 * RPCs against an in-process imgr and checkpoint times, each against a baseline measured in the
 * same run.
 */
package io.proxyfs.bench.imgr;
