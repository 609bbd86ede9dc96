package io.proxyfs.imgr.volume;

import java.util.Optional;

/**
 * What the REST API and status page show of a served volume; never an AuthToken. Immutable.
 *
 * @param name the volume's name
 * @param storageUrl its container
 * @param open whether its metadata is loaded (at serve time with a token, else at first mount)
 * @param status its figures, when open
 * @param checkPoints checkpoint rounds run since it was opened
 */
public record VolumeInfo(String name, String storageUrl, boolean open, Optional<VolumeStatus> status,
        long checkPoints) {
}
