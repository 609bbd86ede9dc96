/**
 * The on-disk layout of ProxyFS 2.0, version 1, byte-compatible with the original Go package
 * {@code ilayout}: the checkpoint text, the superblock, inode heads, the values (and keys) of
 * the inode-table, directory and extent-map B+trees, object trailers, object names, and the
 * little-endian primitives they are built from ({@link io.proxyfs.ilayout.LayoutReader},
 * {@link io.proxyfs.ilayout.LayoutWriter}).
 *
 * <p>Each on-disk structure is an immutable record with {@code marshal()} and a static
 * {@code unmarshal(...)}. Decoders refuse truncated or corrupt input with
 * {@link io.proxyfs.ilayout.LayoutException}. u64 fields are Java longs read as unsigned.
 */
package io.proxyfs.ilayout;
