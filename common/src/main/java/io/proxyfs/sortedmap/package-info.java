/**
 * A sorted map paged as B+tree nodes through caller-supplied storage, node-format compatible
 * with NVIDIA/sortedmap (the B+tree ProxyFS 2.0 keeps its inode table, directories and extent
 * maps in).
 *
 * <p>{@link io.proxyfs.sortedmap.BPlusTree} is the map; {@link
 * io.proxyfs.sortedmap.BPlusTreeCallbacks} is its storage (get, put and discard node bytes);
 * {@link io.proxyfs.sortedmap.KeyCodec} and {@link io.proxyfs.sortedmap.ValueCodec} pack its
 * keys and values ({@link io.proxyfs.sortedmap.U64KeyCodec}, {@link
 * io.proxyfs.sortedmap.StringKeyCodec} and {@link io.proxyfs.sortedmap.FixedBytesValueCodec}
 * are ready-made); {@link io.proxyfs.sortedmap.BPlusTreeCache} bounds the loaded nodes of the
 * trees sharing it. Node bytes that do not decode raise {@link
 * io.proxyfs.sortedmap.CorruptNodeException}.
 */
package io.proxyfs.sortedmap;
