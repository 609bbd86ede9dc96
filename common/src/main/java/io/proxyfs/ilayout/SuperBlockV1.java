package io.proxyfs.ilayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The superblock, version 1: the tail of object {@link CheckPointV1#superBlockObjectNumber()},
 * {@link CheckPointV1#superBlockLength()} bytes long, trailer included.
 *
 * <p>Encoding (little-endian): the inode table's root (object number, offset, length), the
 * inode-table layout as a u64 count of {@link LayoutEntryV1}, InodeObjectCount,
 * InodeBytesWritten, InodeBytesReferenced, the pending-delete object numbers as a u64 count of
 * u64s, then an {@link ObjectTrailer} {0x5342, 1, payload length}. All numbers are u64, held in
 * longs read as unsigned. Lists keep the order given. Immutable (lists are copied), so
 * thread-safe.
 *
 * @param inodeTableRootObjectNumber     object holding the inode table's root node
 * @param inodeTableRootObjectOffset     offset of the root node in that object
 * @param inodeTableRootObjectLength     length of the root node
 * @param inodeTableLayout               space used by the inode table, per object
 * @param inodeObjectCount               number of objects holding inodes
 * @param inodeBytesWritten              bytes written to objects holding inodes (was
 *                                       InodeObjectSize)
 * @param inodeBytesReferenced           bytes still referenced in objects holding inodes
 * @param pendingDeleteObjectNumberArray objects to delete once this checkpoint is durable
 */
public record SuperBlockV1(
        long inodeTableRootObjectNumber,
        long inodeTableRootObjectOffset,
        long inodeTableRootObjectLength,
        List<LayoutEntryV1> inodeTableLayout,
        long inodeObjectCount,
        long inodeBytesWritten,
        long inodeBytesReferenced,
        List<Long> pendingDeleteObjectNumberArray) {

    private static final String STRUCTURE = "SuperBlockV1";

    /** Copies the lists, refusing nulls. */
    public SuperBlockV1 {
        inodeTableLayout = List.copyOf(Objects.requireNonNull(inodeTableLayout, "inodeTableLayout"));
        pendingDeleteObjectNumberArray = List.copyOf(Objects.requireNonNull(
                pendingDeleteObjectNumberArray, "pendingDeleteObjectNumberArray"));
    }

    /** The encoded superblock, trailer included. */
    public byte[] marshal() {
        LayoutWriter writer = new LayoutWriter(8 * 8 + LayoutEntryV1.SIZE * inodeTableLayout.size()
                + 8 * pendingDeleteObjectNumberArray.size() + ObjectTrailer.SIZE);
        writer.u64(inodeTableRootObjectNumber)
                .u64(inodeTableRootObjectOffset)
                .u64(inodeTableRootObjectLength)
                .u64(inodeTableLayout.size());
        for (LayoutEntryV1 entry : inodeTableLayout) {
            entry.writeTo(writer);
        }
        writer.u64(inodeObjectCount)
                .u64(inodeBytesWritten)
                .u64(inodeBytesReferenced)
                .u64(pendingDeleteObjectNumberArray.size());
        for (long objectNumber : pendingDeleteObjectNumberArray) {
            writer.u64(objectNumber);
        }
        return ObjectTrailer.seal(writer, LayoutConstants.SUPER_BLOCK_TYPE,
                LayoutConstants.SUPER_BLOCK_VERSION_V1);
    }

    /**
     * Decodes a superblock from exactly its tail bytes (trailer included): checks the trailer's
     * length, type and version, and that the fields fill the payload exactly.
     */
    public static SuperBlockV1 unmarshal(byte[] buf) throws LayoutException {
        LayoutReader reader = ObjectTrailer.openPayload(buf, STRUCTURE,
                LayoutConstants.SUPER_BLOCK_TYPE, LayoutConstants.SUPER_BLOCK_VERSION_V1);
        long rootObjectNumber = reader.u64("InodeTableRootObjectNumber");
        long rootObjectOffset = reader.u64("InodeTableRootObjectOffset");
        long rootObjectLength = reader.u64("InodeTableRootObjectLength");
        int layoutCount = reader.count("InodeTableLayout.count", LayoutEntryV1.SIZE);
        List<LayoutEntryV1> layout = new ArrayList<>(layoutCount);
        for (int i = 0; i < layoutCount; i++) {
            layout.add(LayoutEntryV1.readFrom(reader, "InodeTableLayout[" + i + "]"));
        }
        long inodeObjectCount = reader.u64("InodeObjectCount");
        long inodeBytesWritten = reader.u64("InodeBytesWritten");
        long inodeBytesReferenced = reader.u64("InodeBytesReferenced");
        int pendingCount = reader.count("PendingDeleteObjectNumberArray.count", 8);
        List<Long> pending = new ArrayList<>(pendingCount);
        for (int i = 0; i < pendingCount; i++) {
            pending.add(reader.u64("PendingDeleteObjectNumberArray[" + i + "]"));
        }
        reader.expectEnd();
        return new SuperBlockV1(rootObjectNumber, rootObjectOffset, rootObjectLength, layout,
                inodeObjectCount, inodeBytesWritten, inodeBytesReferenced, pending);
    }
}
