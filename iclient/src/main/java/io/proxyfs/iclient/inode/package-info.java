/**
 * The file system of a mounted volume, in the original's on-disk layout: inode heads at object
 * tails, directory and extent-map B+trees, data extents in log-structured objects written once.
 * {@link io.proxyfs.iclient.inode.FileSystem} is the facade the FUSE adapter calls; the work is
 * split into {@code Namespace} (names, links, rename), {@code FileOps} (handles, read, write,
 * truncate), {@code FileData} (extent maps), {@code AttrOps} (attributes, xattrs),
 * {@code Flusher} (write-back), {@code OpRunner} (lock and lease retry), {@code FsContext}
 * (shared state), {@code ReadCache}, {@code LocalLocks}. Failures are
 * {@link io.proxyfs.iclient.inode.FsException} (POSIX) or I/O exceptions; no errno numbers here.
 */
package io.proxyfs.iclient.inode;
