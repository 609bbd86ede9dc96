package io.proxyfs.imgr.lease;

import java.util.Objects;

/**
 * One client mount as the lease manager sees it: the mount ID it was given by {@code Mount}, and the
 * retryrpc client ID its interrupts (upcalls) go to. Two holders are the same mount when both parts
 * are equal. Immutable, so safe to share between threads.
 *
 * @param mountId the mount ID (base64 text)
 * @param retryRpcClientId the retryrpc client that receives this mount's interrupts
 */
public record LeaseHolder(String mountId, long retryRpcClientId) {

    /** Refuses a missing mount ID. */
    public LeaseHolder {
        Objects.requireNonNull(mountId, "mountId");
    }
}
