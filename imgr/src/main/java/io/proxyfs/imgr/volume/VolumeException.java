package io.proxyfs.imgr.volume;

import java.io.IOException;

/**
 * A volume's objects could not be read, decoded or written: names the volume and what was being
 * done. The volume's in-memory state is unchanged or still consistent with what is durable.
 * Immutable.
 */
public final class VolumeException extends IOException {
    private static final long serialVersionUID = 1L;

    public VolumeException(String volume, String what, Throwable cause) {
        super("volume " + volume + ": " + what + ": " + cause.getMessage(), cause);
    }

    public VolumeException(String volume, String what) {
        super("volume " + volume + ": " + what);
    }
}
