package io.proxyfs.imgr.check;

import io.proxyfs.sortedmap.BPlusTreeCallbacks;
import io.proxyfs.sortedmap.NodeLocation;
import io.proxyfs.sortedmap.ObjectPosition;
import io.proxyfs.swift.SwiftException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read-only node storage for one tree being checked: reads each node from the container, records
 * the reference in {@link ObjectUsage} on behalf of the tree's owner, and turns a missing object,
 * a short read or a failed read into a {@link NodeReadException} that says which, and remembers
 * which nodes it read (their bytes per object are the tree's share of the layout). Never writes.
 * Thread-safe when the reader and usage are (they are).
 */
final class TreeNodes implements BPlusTreeCallbacks {
    private final ContainerReader reader;
    private final ObjectUsage usage;
    private final long owner;
    private final String tree;
    private final Set<NodeLocation> read = ConcurrentHashMap.newKeySet();

    /**
     * @param owner the inode owning the tree, or {@link Problem#NONE} for the inode table
     * @param tree  what the tree is, for messages, e.g. "extent map"
     */
    TreeNodes(ContainerReader reader, ObjectUsage usage, long owner, String tree) {
        this.reader = reader;
        this.usage = usage;
        this.owner = owner;
        this.tree = tree;
    }

    @Override
    public byte[] getNode(long objectNumber, long objectOffset, long objectLength) {
        NodeLocation at = new NodeLocation(objectNumber, objectOffset, objectLength);
        usage.reference(objectNumber, objectOffset, objectLength, owner, tree + " node " + at);
        read.add(at);
        byte[] bytes;
        try {
            bytes = reader.range(objectNumber, objectOffset, objectLength);
        } catch (IOException e) {
            if (ContainerReader.isNotFound(e)) {
                throw new NodeReadException(at, ProblemKind.MISSING_OBJECT, tree + " node " + at
                        + " is in an object the container does not hold", e);
            }
            if (e instanceof SwiftException s && s.status() == 416) {
                throw new NodeReadException(at, ProblemKind.BEYOND_OBJECT_END, tree + " node " + at
                        + " starts past the end of its object", e);
            }
            throw new NodeReadException(at, ProblemKind.READ_FAILED, "could not read " + tree + " node " + at
                    + ": " + e.getMessage(), e);
        }
        if (bytes.length != objectLength) {
            throw new NodeReadException(at, ProblemKind.BEYOND_OBJECT_END, tree + " node " + at
                    + " runs past the end of its object (only " + bytes.length + " of its " + objectLength
                    + " bytes are there)", null);
        }
        return bytes;
    }

    /** The bytes of the distinct nodes read so far, per object (a node read again counts once). */
    Map<Long, Long> nodeBytes() {
        Map<Long, Long> bytes = new HashMap<>();
        for (NodeLocation at : read) {
            bytes.merge(at.objectNumber(), at.objectLength(), Long::sum);
        }
        return bytes;
    }

    @Override
    public ObjectPosition putNode(byte[] node) {
        throw new IllegalStateException("the checker never writes a node");
    }

    @Override
    public void discardNode(long objectNumber, long objectOffset, long objectLength) {
        throw new IllegalStateException("the checker never discards a node");
    }
}
