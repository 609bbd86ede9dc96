package io.proxyfs.imgr.volume;

/**
 * A volume's figures for VolumeStatus and the status pages. Immutable.
 *
 * @param numInodes inodes in the inode table
 * @param objectCount objects holding inodes (the superblock's InodeObjectCount)
 * @param bytesWritten bytes written to those objects (InodeBytesWritten)
 * @param bytesReferenced bytes of them still referenced (InodeBytesReferenced)
 * @param inodeTableObjects objects holding inode-table nodes
 * @param pendingDeletes objects waiting to be deleted after the next checkpoint
 * @param reservedToNonce the highest nonce reserved so far
 * @param lastCheckPointNanos System.nanoTime() of the last durable checkpoint
 */
public record VolumeStatus(long numInodes, long objectCount, long bytesWritten, long bytesReferenced,
        int inodeTableObjects, int pendingDeletes, long reservedToNonce, long lastCheckPointNanos) {
}
