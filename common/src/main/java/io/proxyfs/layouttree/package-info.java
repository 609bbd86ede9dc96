/**
 * Where the on-disk layout ({@code ilayout}) meets the B+tree ({@code sortedmap}): the codecs of
 * the three trees of a volume (inode table: u64 inode number -> InodeTableEntryValueV1;
 * directory: name -> DirectoryEntryValueV1; extent map: u64 file offset -> ExtentMapEntryValueV1)
 * and {@link io.proxyfs.layouttree.ObjectBuilder}, which packs tree nodes, data and a trailing
 * head into the one object a flush writes.
 */
package io.proxyfs.layouttree;
