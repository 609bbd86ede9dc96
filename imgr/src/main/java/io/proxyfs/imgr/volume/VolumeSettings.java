package io.proxyfs.imgr.volume;

import io.proxyfs.sortedmap.BPlusTreeCache;

/**
 * What a {@link Volume} needs from imgr's config. Immutable.
 *
 * @param fetchNonceRangeToReturn nonces reserved per reservation ({@code FetchNonceRangeToReturn})
 * @param parallelObjectDeleteLimit concurrent object deletes ({@code ParallelObjectDeletePerVolumeLimit})
 * @param inodeTableCache the node cache shared by every volume's inode table, or null
 */
public record VolumeSettings(long fetchNonceRangeToReturn, int parallelObjectDeleteLimit,
        BPlusTreeCache inodeTableCache) {

    public VolumeSettings {
        if (fetchNonceRangeToReturn < 1) {
            throw new IllegalArgumentException("fetchNonceRangeToReturn must be at least 1");
        }
        if (parallelObjectDeleteLimit < 1) {
            throw new IllegalArgumentException("parallelObjectDeleteLimit must be at least 1");
        }
    }
}
