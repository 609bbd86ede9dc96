package io.proxyfs.imgr.check;

import io.proxyfs.ilayout.CheckPointV1;
import io.proxyfs.ilayout.SuperBlockV1;

/**
 * The top of a volume as the checker found it: the checkpoint's bytes and decoded form, and the
 * superblock it names. Immutable.
 *
 * @param checkPointBytes the bytes of object 0, to tell later whether it changed
 * @param checkPoint      the decoded checkpoint
 * @param superBlock      the superblock it names
 */
record VolumeRoots(byte[] checkPointBytes, CheckPointV1 checkPoint, SuperBlockV1 superBlock) {
}
