package io.proxyfs.ilayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An inode's state, version 1: the tail of object
 * {@link InodeTableEntryValueV1#inodeHeadObjectNumber()},
 * {@link InodeTableEntryValueV1#inodeHeadLength()} bytes long, trailer included.
 *
 * <p>Encoding (little-endian, in this order): InodeNumber u64; InodeType u8; LinkTable as a u64
 * count of {@link InodeLinkTableEntry}; Size u64; ModificationTime and StatusChangeTime as u64
 * nanoseconds since the epoch (Go {@code UnixNano}, signed); Mode u16; UserID u64; GroupID u64;
 * StreamTable as a u64 count of {@link InodeStreamTableEntry}; PayloadObjectNumber,
 * PayloadObjectOffset, PayloadObjectLength u64; SymLinkTarget as a u64 length and UTF-8 bytes;
 * Layout as a u64 count of {@link LayoutEntryV1}; then an {@link ObjectTrailer}
 * {0x4948, 1, payload length}. u64 fields are longs read as unsigned. Lists keep the order
 * given. Immutable (lists are copied), so thread-safe.
 *
 * @param inodeNumber                the inode's number
 * @param inodeType                  directory, file or symbolic link
 * @param linkTable                  the directory entries referring to this inode
 * @param size                       file size in bytes (files only)
 * @param modificationTimeNanos      st_mtim, nanoseconds since the epoch
 * @param statusChangeTimeNanos      st_ctim, nanoseconds since the epoch
 * @param mode                       permission bits, u16 (the type is not encoded here)
 * @param userId                     owner
 * @param groupId                    group
 * @param streamTable                named values (extended attributes)
 * @param payloadObjectNumber        object holding the root of the directory or extent-map
 *                                   B+tree (0 for symbolic links)
 * @param payloadObjectOffset        offset of that root node in the object
 * @param payloadObjectLength        length of that root node
 * @param symLinkTarget              target of a symbolic link, empty otherwise
 * @param layout                     space used by this inode's tree and data, per object
 */
public record InodeHeadV1(
        long inodeNumber,
        InodeType inodeType,
        List<InodeLinkTableEntry> linkTable,
        long size,
        long modificationTimeNanos,
        long statusChangeTimeNanos,
        int mode,
        long userId,
        long groupId,
        List<InodeStreamTableEntry> streamTable,
        long payloadObjectNumber,
        long payloadObjectOffset,
        long payloadObjectLength,
        String symLinkTarget,
        List<LayoutEntryV1> layout) {

    private static final String STRUCTURE = "InodeHeadV1";

    /** Copies the lists, refusing nulls and a mode that does not fit in a u16. */
    public InodeHeadV1 {
        Objects.requireNonNull(inodeType, "inodeType");
        linkTable = List.copyOf(Objects.requireNonNull(linkTable, "linkTable"));
        streamTable = List.copyOf(Objects.requireNonNull(streamTable, "streamTable"));
        Objects.requireNonNull(symLinkTarget, "symLinkTarget");
        layout = List.copyOf(Objects.requireNonNull(layout, "layout"));
        if (mode < 0 || mode > 0xFFFF) {
            throw new IllegalArgumentException("mode " + mode + " does not fit in a u16");
        }
    }

    /** The encoded inode head, trailer included. */
    public byte[] marshal() {
        LayoutWriter writer = new LayoutWriter(256);
        writer.u64(inodeNumber).u8(inodeType.code()).u64(linkTable.size());
        for (InodeLinkTableEntry entry : linkTable) {
            entry.writeTo(writer);
        }
        writer.u64(size)
                .u64(modificationTimeNanos)
                .u64(statusChangeTimeNanos)
                .u16(mode)
                .u64(userId)
                .u64(groupId)
                .u64(streamTable.size());
        for (InodeStreamTableEntry entry : streamTable) {
            entry.writeTo(writer);
        }
        writer.u64(payloadObjectNumber)
                .u64(payloadObjectOffset)
                .u64(payloadObjectLength)
                .string(symLinkTarget)
                .u64(layout.size());
        for (LayoutEntryV1 entry : layout) {
            entry.writeTo(writer);
        }
        return ObjectTrailer.seal(writer, LayoutConstants.INODE_HEAD_TYPE,
                LayoutConstants.INODE_HEAD_VERSION_V1);
    }

    /**
     * Decodes an inode head from exactly its tail bytes (trailer included): checks the trailer's
     * length, type and version, the inode type (0..2), and that the fields fill the payload
     * exactly.
     */
    public static InodeHeadV1 unmarshal(byte[] buf) throws LayoutException {
        LayoutReader reader = ObjectTrailer.openPayload(buf, STRUCTURE,
                LayoutConstants.INODE_HEAD_TYPE, LayoutConstants.INODE_HEAD_VERSION_V1);
        long inodeNumber = reader.u64("InodeNumber");
        InodeType inodeType = InodeType.readFrom(reader, "InodeType");
        int linkCount = reader.count("LinkTable.count", InodeLinkTableEntry.MIN_SIZE);
        List<InodeLinkTableEntry> linkTable = new ArrayList<>(linkCount);
        for (int i = 0; i < linkCount; i++) {
            linkTable.add(InodeLinkTableEntry.readFrom(reader, "LinkTable[" + i + "]"));
        }
        long size = reader.u64("Size");
        long modificationTimeNanos = reader.u64("ModificationTime");
        long statusChangeTimeNanos = reader.u64("StatusChangeTime");
        int mode = reader.u16("Mode");
        long userId = reader.u64("UserID");
        long groupId = reader.u64("GroupID");
        int streamCount = reader.count("StreamTable.count", InodeStreamTableEntry.MIN_SIZE);
        List<InodeStreamTableEntry> streamTable = new ArrayList<>(streamCount);
        for (int i = 0; i < streamCount; i++) {
            streamTable.add(InodeStreamTableEntry.readFrom(reader, "StreamTable[" + i + "]"));
        }
        long payloadObjectNumber = reader.u64("PayloadObjectNumber");
        long payloadObjectOffset = reader.u64("PayloadObjectOffset");
        long payloadObjectLength = reader.u64("PayloadObjectLength");
        String symLinkTarget = reader.string("SymLinkTarget");
        int layoutCount = reader.count("Layout.count", LayoutEntryV1.SIZE);
        List<LayoutEntryV1> layout = new ArrayList<>(layoutCount);
        for (int i = 0; i < layoutCount; i++) {
            layout.add(LayoutEntryV1.readFrom(reader, "Layout[" + i + "]"));
        }
        reader.expectEnd();
        return new InodeHeadV1(inodeNumber, inodeType, linkTable, size, modificationTimeNanos,
                statusChangeTimeNanos, mode, userId, groupId, streamTable, payloadObjectNumber,
                payloadObjectOffset, payloadObjectLength, symLinkTarget, layout);
    }
}
