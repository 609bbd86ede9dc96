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
 * @param closeCheckPointDelay CloseCheckPointDelay (a port addition): how long after a close the
 *        mount asks imgr for the checkpoint that close does not wait for
 */
public record FsSettings(int dirMaxKeysPerPage, int fileMaxKeysPerPage, long flushTriggerSize,
        Duration flushTriggerDuration, int nameLenMax, int blockSize, Duration closeCheckPointDelay) {

    /** With the checkpoint after a close asked for at once. */
    public FsSettings(int dirMaxKeysPerPage, int fileMaxKeysPerPage, long flushTriggerSize,
            Duration flushTriggerDuration, int nameLenMax, int blockSize) {
        this(dirMaxKeysPerPage, fileMaxKeysPerPage, flushTriggerSize, flushTriggerDuration, nameLenMax, blockSize,
                Duration.ZERO);
    }
}
