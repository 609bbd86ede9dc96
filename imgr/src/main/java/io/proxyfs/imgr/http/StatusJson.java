package io.proxyfs.imgr.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.proxyfs.json.U64;
import java.util.List;

/**
 * The JSON bodies of imgr's {@code GET /volume...} routes, with the original's field names
 * ({@code http-server.go}), the layout's final names ({@code BytesWritten}, not the early
 * {@code ObjectSize}), and never an AuthToken. Numbers that are Go {@code uint64} are written
 * unsigned. Immutable records.
 */
final class StatusJson {
    private StatusJson() {
    }

    /** One entry of {@code GET /volume}. */
    @JsonPropertyOrder({"Name", "StorageURL", "HealthyMounts", "LeasesExpiredMounts", "AuthTokenExpiredMounts"})
    record VolumeListEntry(
            @JsonProperty("Name") String name,
            @JsonProperty("StorageURL") String storageUrl,
            @JsonProperty("HealthyMounts") long healthyMounts,
            @JsonProperty("LeasesExpiredMounts") long leasesExpiredMounts,
            @JsonProperty("AuthTokenExpiredMounts") long authTokenExpiredMounts) {
    }

    /** Space an inode table, directory or extent map uses in one object. */
    record LayoutEntry(
            @JsonProperty("ObjectName") String objectName,
            @U64 @JsonProperty("BytesWritten") long bytesWritten,
            @U64 @JsonProperty("BytesReferenced") long bytesReferenced) {
    }

    /** One inode-table entry. */
    record InodeTableEntry(
            @U64 @JsonProperty("InodeNumber") long inodeNumber,
            @JsonProperty("InodeHeadObjectName") String inodeHeadObjectName,
            @U64 @JsonProperty("InodeHeadLength") long inodeHeadLength) {
    }

    /** A mount, as {@link io.proxyfs.imgr.rpc.MountSummary} (an addition to the original's JSON). */
    record MountEntry(
            @JsonProperty("MountIDPrefix") String mountIdPrefix,
            @U64 @JsonProperty("RetryRPCClientID") long retryRpcClientId,
            @JsonProperty("State") String state,
            @JsonProperty("OpenInodes") int openInodes,
            @JsonProperty("LeasesHeld") int leasesHeld,
            @JsonProperty("LeasesWaiting") int leasesWaiting) {
    }

    /**
     * {@code GET /volume/<name>}: the durable state (checkpoint, superblock, inode table) read
     * from storage, as the original, plus the live mounts.
     */
    @JsonPropertyOrder({"Name", "StorageURL", "HealthyMounts", "LeasesExpiredMounts", "AuthTokenExpiredMounts",
        "SuperBlockObjectName", "SuperBlockLength", "ReservedToNonce", "InodeTableMinInodesPerNode",
        "InodeTableMaxInodesPerNode", "InodeTableInodeCount", "InodeTableHeight", "InodeTableLayout",
        "InodeObjectCount", "InodeBytesWritten", "InodeBytesReferenced", "PendingDeleteObjectNameArray",
        "InodeTable", "Mounts"})
    record VolumeGet(
            @JsonProperty("Name") String name,
            @JsonProperty("StorageURL") String storageUrl,
            @JsonProperty("HealthyMounts") long healthyMounts,
            @JsonProperty("LeasesExpiredMounts") long leasesExpiredMounts,
            @JsonProperty("AuthTokenExpiredMounts") long authTokenExpiredMounts,
            @JsonProperty("SuperBlockObjectName") String superBlockObjectName,
            @U64 @JsonProperty("SuperBlockLength") long superBlockLength,
            @U64 @JsonProperty("ReservedToNonce") long reservedToNonce,
            @U64 @JsonProperty("InodeTableMinInodesPerNode") long inodeTableMinInodesPerNode,
            @U64 @JsonProperty("InodeTableMaxInodesPerNode") long inodeTableMaxInodesPerNode,
            @U64 @JsonProperty("InodeTableInodeCount") long inodeTableInodeCount,
            @U64 @JsonProperty("InodeTableHeight") long inodeTableHeight,
            @JsonProperty("InodeTableLayout") List<LayoutEntry> inodeTableLayout,
            @U64 @JsonProperty("InodeObjectCount") long inodeObjectCount,
            @U64 @JsonProperty("InodeBytesWritten") long inodeBytesWritten,
            @U64 @JsonProperty("InodeBytesReferenced") long inodeBytesReferenced,
            @JsonProperty("PendingDeleteObjectNameArray") List<String> pendingDeleteObjectNameArray,
            @JsonProperty("InodeTable") List<InodeTableEntry> inodeTable,
            @JsonProperty("Mounts") List<MountEntry> mounts) {
    }

    /** A link-table entry: a directory entry naming the inode. */
    record LinkEntry(
            @U64 @JsonProperty("ParentDirInodeNumber") long parentDirInodeNumber,
            @JsonProperty("ParentDirEntryName") String parentDirEntryName) {
    }

    /** A stream-table entry; the value as "XX XX .. XX" hex, as the original shows it. */
    record StreamEntry(@JsonProperty("Name") String name, @JsonProperty("Value") String value) {
    }

    /** A directory entry of a directory inode's payload. */
    record DirEntry(
            @JsonProperty("BaseName") String baseName,
            @U64 @JsonProperty("InodeNumber") long inodeNumber,
            @JsonProperty("InodeType") String inodeType) {
    }

    /** An extent of a file inode's payload. */
    record Extent(
            @U64 @JsonProperty("FileOffset") long fileOffset,
            @U64 @JsonProperty("Length") long length,
            @JsonProperty("ObjectName") String objectName,
            @U64 @JsonProperty("ObjectOffset") long objectOffset) {
    }

    /**
     * {@code GET /volume/<name>/inode/<number>}: the fields every inode has, and those of its
     * type (directories: entries; files: size and extents; symbolic links: the target). Fields
     * that do not apply to the type are left out, as the original's per-type structs do.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"InodeNumber", "InodeType", "LinkTable", "ModificationTime", "StatusChangeTime", "Mode",
        "UserID", "GroupID", "StreamTable", "Size", "MinDirEntriesPerNode", "MaxDirEntriesPerNode", "DirEntryCount",
        "DirectoryHeight", "MinExtentsPerNode", "MaxExtentsPerNode", "ExtentCount", "ExtentMapHeight", "Payload",
        "Layout", "SymLinkTarget"})
    record InodeGet(
            @U64 @JsonProperty("InodeNumber") long inodeNumber,
            @JsonProperty("InodeType") String inodeType,
            @JsonProperty("LinkTable") List<LinkEntry> linkTable,
            @JsonProperty("ModificationTime") String modificationTime,
            @JsonProperty("StatusChangeTime") String statusChangeTime,
            @JsonProperty("Mode") int mode,
            @U64 @JsonProperty("UserID") long userId,
            @U64 @JsonProperty("GroupID") long groupId,
            @JsonProperty("StreamTable") List<StreamEntry> streamTable,
            @U64 @JsonProperty("Size") Long size,
            @U64 @JsonProperty("MinDirEntriesPerNode") Long minDirEntriesPerNode,
            @U64 @JsonProperty("MaxDirEntriesPerNode") Long maxDirEntriesPerNode,
            @U64 @JsonProperty("DirEntryCount") Long dirEntryCount,
            @U64 @JsonProperty("DirectoryHeight") Long directoryHeight,
            @U64 @JsonProperty("MinExtentsPerNode") Long minExtentsPerNode,
            @U64 @JsonProperty("MaxExtentsPerNode") Long maxExtentsPerNode,
            @U64 @JsonProperty("ExtentCount") Long extentCount,
            @U64 @JsonProperty("ExtentMapHeight") Long extentMapHeight,
            @JsonProperty("Payload") List<?> payload,
            @JsonProperty("Layout") List<LayoutEntry> layout,
            @JsonProperty("SymLinkTarget") String symLinkTarget) {
    }
}
