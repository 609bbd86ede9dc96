/**
 * iclient, the FUSE client of ProxyFS (the original's {@code iclient/iclientpkg}): mounts one
 * volume at {@code [ICLIENT]MountPointDirPath} and serves it to the kernel.
 *
 * <p>Run as {@code iclient/iclient iclient/dev.conf [Section.Key=value ...]}; {@link
 * io.proxyfs.iclient.Main} is the entry point, {@link io.proxyfs.iclient.Iclient} the daemon's
 * facade (start order: auth plug-in, Swift client, imgr mount, file system, FUSE mount, HTTP;
 * stop reverses it after writing everything back), {@link io.proxyfs.iclient.IclientConfig} the
 * typed {@code [ICLIENT]} section (iclient/dev.conf is a complete sample, every key commented in
 * the original's {@code iclient.conf}).
 *
 * <p>Sub-packages: {@code rpc} (imgr's RPCs, remount and renewal), {@code lease} (leases and
 * imgr's interrupts), {@code inode} (the file system: names, data, attributes, write-back),
 * {@code fuse} (the jnr-fuse adapter, the only place errno values are chosen), {@code http} (the
 * status routes: {@code GET /config /version /stats /leases}, {@code POST /leases/demote
 * /leases/release}, an HTML page at {@code /}).
 *
 * <p>Threads: libfuse's worker threads call in; one file-system lock per mount guards the
 * cached inodes (see {@code inode.FsContext}); lease interrupts run on their own pool; a
 * background task writes back by age and trims leases; object PUTs and read-ahead run on pools.
 */
package io.proxyfs.iclient;
