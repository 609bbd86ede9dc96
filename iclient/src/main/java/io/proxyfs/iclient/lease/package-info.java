/**
 * Leases this client holds from imgr, per inode ({@link io.proxyfs.iclient.lease.LeaseTable}),
 * and imgr's Demote, Release and Unmount interrupts, answered after the file system
 * ({@link io.proxyfs.iclient.lease.LeaseHolder}) wrote back and dropped what the lease no longer
 * covers. Thread-safe.
 */
package io.proxyfs.iclient.lease;
