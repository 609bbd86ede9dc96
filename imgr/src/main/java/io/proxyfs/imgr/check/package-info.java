/**
 * icheck, the offline consistency checker of a volume (new in this port; the original has none).
 *
 * <p>It reads the volume's Swift container without imgr and verifies it top down: the checkpoint
 * (object 0), the superblock it names, the inode table's B+tree, every inode head, every
 * directory and extent-map B+tree; then the name space (every inode reachable from the root,
 * link tables equal to the directory entries naming each inode, "." and ".." as the format keeps
 * them), extents within their objects, the byte accounting of the inode-table and inode layouts
 * and of the superblock, and the container's listing (leaks, losses, crash orphans). With
 * {@code --scrub} it deletes the crash orphans, and nothing else.
 *
 * <p>Command line: {@code imgr/icheck <iclient .conf> [--scrub] [--json] [Section.Key=value ...]};
 * exit 0 when clean (crash orphans are reported but are not corruption), 1 when problems were
 * found or the check could not run, 2 for usage errors.
 *
 * <p>Thread-safety: {@link io.proxyfs.imgr.check.Icheck} runs one check per instance; inode heads
 * and their trees are read by a bounded pool of threads that report into thread-safe collectors.
 */
package io.proxyfs.imgr.check;
