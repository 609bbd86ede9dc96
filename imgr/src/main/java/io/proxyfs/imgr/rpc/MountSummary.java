package io.proxyfs.imgr.rpc;

/**
 * One mount as the status pages show it: never its full MountID (which, with a connection,
 * authorizes RPCs) nor its AuthToken. Immutable.
 *
 * @param mountIdPrefix the first characters of the MountID, enough to tell mounts apart
 * @param retryRpcClientId the retryrpc client the mount was made on
 * @param state "Healthy" or "AuthTokenExpired"
 * @param openInodes inodes this mount holds open (AdjustInodeTableEntryOpenCount)
 * @param leasesHeld inodes on which this mount holds a lease
 * @param leasesWaiting inodes on which this mount waits for a lease
 */
public record MountSummary(String mountIdPrefix, long retryRpcClientId, String state, int openInodes,
        int leasesHeld, int leasesWaiting) {
}
