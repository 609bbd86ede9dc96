package io.proxyfs.imgrapi;

/**
 * The names of imgr's retryrpc methods, exactly as the original's clients send them. Each method
 * takes the request record of the same name and answers the response record:
 * <ul>
 *   <li>{@code Mount}: errors EAuthTokenRejected EVolumeBeingDeleted EUnknownVolumeName</li>
 *   <li>{@code RenewMount}, {@code Unmount}, {@code VolumeStatus}, {@code FetchNonceRange},
 *       {@code Flush}, {@code Lease}: EAuthTokenRejected EUnknownMountID</li>
 *   <li>{@code GetInodeTableEntry}: EAuthTokenRejected EMissingLease EUnknownInodeNumber EUnknownMountID</li>
 *   <li>{@code PutInodeTableEntries}, {@code DeleteInodeTableEntry}: EAuthTokenRejected EMissingLease
 *       EUnknownMountID</li>
 *   <li>{@code AdjustInodeTableEntryOpenCount}: EAuthTokenRejected EBadOpenCountAdjustment EMissingLease
 *       EUnknownMountID</li>
 * </ul>
 */
public final class ImgrMethods {
    public static final String MOUNT = "Mount";
    public static final String RENEW_MOUNT = "RenewMount";
    public static final String UNMOUNT = "Unmount";
    public static final String VOLUME_STATUS = "VolumeStatus";
    public static final String FETCH_NONCE_RANGE = "FetchNonceRange";
    public static final String GET_INODE_TABLE_ENTRY = "GetInodeTableEntry";
    public static final String PUT_INODE_TABLE_ENTRIES = "PutInodeTableEntries";
    public static final String DELETE_INODE_TABLE_ENTRY = "DeleteInodeTableEntry";
    public static final String ADJUST_INODE_TABLE_ENTRY_OPEN_COUNT = "AdjustInodeTableEntryOpenCount";
    public static final String FLUSH = "Flush";
    public static final String LEASE = "Lease";

    private ImgrMethods() {
    }
}
