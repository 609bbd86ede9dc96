package io.proxyfs.iclient.inode;

import java.time.Duration;

/**
 * The file system's tunables, from {@code [ICLIENT]}. Immutable.
 *
 * @param dirMaxKeysPerPage DirInodeMaxKeysPerBPlusTreePage
 * @param fileMaxKeysPerPage FileInodeMaxKeysPerBPlusTreePage
 * @param flushTriggerSize FileFlushTriggerSize: an inode's next object is written once this big
 * @param flushTriggerDuration FileFlushTriggerDuration: dirty state is written back after this long
 * @param nameLenMax FUSENameLenMax: longer names get ENAMETOOLONG
 * @param blockSize FUSEBlockSize: statfs block size
 */
public record FsSettings(int dirMaxKeysPerPage, int fileMaxKeysPerPage, long flushTriggerSize,
        Duration flushTriggerDuration, int nameLenMax, int blockSize) {
}
