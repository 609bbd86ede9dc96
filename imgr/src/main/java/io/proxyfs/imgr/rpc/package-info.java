/**
 * imgr's retryrpc methods ({@link io.proxyfs.imgrapi.ImgrMethods}) with the original's request and
 * reply fields and error prefixes: mounts and their AuthTokens, the inode table, nonces, open
 * counts of unlinked inodes, flushes (group-committed checkpoints) and leases (with Demote,
 * Release and Unmount interrupts pushed as upcalls).
 *
 * <p>Concurrency: mounts live in a concurrent map; each volume's {@link
 * io.proxyfs.imgr.rpc.VolumeSession} guards its open counts with its own lock; the volume and the
 * lease manager are thread-safe themselves. Flush and Lease answer asynchronously so that waiting
 * never holds one of retryrpc's workers.
 */
package io.proxyfs.imgr.rpc;
