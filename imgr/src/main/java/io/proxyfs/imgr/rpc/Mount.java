package io.proxyfs.imgr.rpc;

import io.proxyfs.imgr.lease.LeaseHolder;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client's mount of a volume: its id, the retryrpc client it was made on, its AuthToken and
 * when that was last checked, and the inodes it holds open. The token fields are volatile (one
 * periodic check runs at a time); the open map is guarded by the volume's {@link VolumeSession}.
 */
final class Mount {
    /** Where a mount stands. */
    enum State {
        /** Usable. */
        HEALTHY,
        /** Its AuthToken was rejected: every RPC but RenewMount and Unmount answers EAuthTokenRejected. */
        AUTH_TOKEN_EXPIRED,
        /** Gone: unmounted, or expired for not answering lease interrupts. */
        GONE
    }

    final String mountId;
    final String volumeName;
    final LeaseHolder holder;
    final Map<Long, Long> opens = new HashMap<>();
    volatile String authToken;
    volatile long lastAuthCheckNanos;
    /** A periodic check of the token is running (one at a time). */
    final AtomicBoolean authCheckRunning = new AtomicBoolean();
    volatile State state = State.HEALTHY;

    Mount(String mountId, String volumeName, long clientId, String authToken, long nowNanos) {
        this.mountId = mountId;
        this.volumeName = volumeName;
        this.holder = new LeaseHolder(mountId, clientId);
        this.authToken = authToken;
        this.lastAuthCheckNanos = nowNanos;
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "Mount[" + mountId + " of " + volumeName + ", client " + holder.retryRpcClientId() + ", " + state + "]";
    }
}
