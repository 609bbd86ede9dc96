package io.proxyfs.sortedmap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test storage: objects are nodes kept in memory by offset; {@link #putNode} appends to the
 * current object (as imgr and iclient pack nodes into the object being written) and {@link
 * #getNode} returns the node at an offset, cut or padded to the length asked for (so a wrong
 * length shows up as a corrupt node). Records puts, discards and reads. Thread-safe (methods are
 * synchronized).
 */
final class MemoryNodeStore implements BPlusTreeCallbacks {
    /** One node written by a flush. */
    record Put(long objectNumber, long objectOffset, byte[] bytes) {
    }

    private final Map<Long, Map<Long, byte[]>> objects = new HashMap<>();
    private final Map<Long, Long> objectSizes = new HashMap<>();
    private long currentObject;
    final List<Put> puts = new ArrayList<>();
    final List<NodeLocation> discards = new ArrayList<>();
    int gets;
    boolean recordPuts = true;

    MemoryNodeStore(long firstObject) {
        currentObject = firstObject;
    }

    synchronized void startObject(long objectNumber) {
        currentObject = objectNumber;
    }

    synchronized void putObject(long objectNumber, long offset, byte[] bytes) {
        long size = objectSizes.getOrDefault(objectNumber, 0L);
        if (size != offset) {
            throw new IllegalStateException("object " + objectNumber + " has " + size + " bytes, not " + offset);
        }
        objects.computeIfAbsent(objectNumber, k -> new HashMap<>()).put(offset, bytes.clone());
        objectSizes.put(objectNumber, size + bytes.length);
    }

    @Override
    public synchronized byte[] getNode(long objectNumber, long objectOffset, long objectLength) {
        gets++;
        byte[] node = objects.getOrDefault(objectNumber, Map.of()).get(objectOffset);
        if (node == null) {
            throw new IllegalStateException("no node at offset " + objectOffset + " of object " + objectNumber);
        }
        return java.util.Arrays.copyOf(node, (int) objectLength);
    }

    @Override
    public synchronized ObjectPosition putNode(byte[] node) {
        long offset = objectSizes.getOrDefault(currentObject, 0L);
        putObject(currentObject, offset, node);
        if (recordPuts) {
            puts.add(new Put(currentObject, offset, node.clone()));
        }
        return new ObjectPosition(currentObject, offset);
    }

    @Override
    public synchronized void discardNode(long objectNumber, long objectOffset, long objectLength) {
        discards.add(new NodeLocation(objectNumber, objectOffset, objectLength));
    }
}
