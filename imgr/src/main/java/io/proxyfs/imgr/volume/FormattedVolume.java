package io.proxyfs.imgr.volume;

import io.proxyfs.ilayout.CheckPointV1;

/**
 * The objects that make a freshly formatted, empty volume: the root directory (its B+tree node
 * and inode head), the inode table (its node and the superblock) and the checkpoint text that
 * points at that superblock. Written in that order, the checkpoint last. Immutable.
 *
 * @param rootDirObjectNumber the object holding the root directory (2, as the original)
 * @param rootDirObject its bytes
 * @param superBlockObjectNumber the object holding the inode table and superblock (3)
 * @param superBlockObject its bytes
 * @param checkPoint the checkpoint (object 0)
 */
public record FormattedVolume(long rootDirObjectNumber, byte[] rootDirObject, long superBlockObjectNumber,
        byte[] superBlockObject, CheckPointV1 checkPoint) {

    public FormattedVolume {
        rootDirObject = rootDirObject.clone();
        superBlockObject = superBlockObject.clone();
    }

    @Override
    public byte[] rootDirObject() {
        return rootDirObject.clone();
    }

    @Override
    public byte[] superBlockObject() {
        return superBlockObject.clone();
    }
}
