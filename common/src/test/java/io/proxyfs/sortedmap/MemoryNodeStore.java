package io.proxyfs.sortedmap;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test storage: objects are byte arrays in memory; {@link #putNode} appends to the current object
 * (as imgr and iclient pack nodes into the object being written). Records puts, discards and
 * reads. Not thread-safe beyond what the tests need (methods are synchronized).
 */
final class MemoryNodeStore implements BPlusTreeCallbacks {
    /** One node written by a flush. */
    record Put(long objectNumber, long objectOffset, byte[] bytes) {
    }

    private final Map<Long, ByteArrayOutputStream> objects = new HashMap<>();
    private long currentObject;
    final List<Put> puts = new ArrayList<>();
    final List<NodeLocation> discards = new ArrayList<>();
    int gets;

    MemoryNodeStore(long firstObject) {
        currentObject = firstObject;
    }

    synchronized void startObject(long objectNumber) {
        currentObject = objectNumber;
    }

    synchronized void putObject(long objectNumber, long offset, byte[] bytes) {
        ByteArrayOutputStream o = objects.computeIfAbsent(objectNumber, k -> new ByteArrayOutputStream());
        if (o.size() != offset) {
            throw new IllegalStateException("object " + objectNumber + " has " + o.size() + " bytes, not " + offset);
        }
        o.writeBytes(bytes);
    }

    @Override
    public synchronized byte[] getNode(long objectNumber, long objectOffset, long objectLength) {
        gets++;
        ByteArrayOutputStream o = objects.get(objectNumber);
        if (o == null) {
            throw new IllegalStateException("no object " + objectNumber);
        }
        byte[] all = o.toByteArray();
        byte[] out = new byte[(int) objectLength];
        System.arraycopy(all, (int) objectOffset, out, 0, out.length);
        return out;
    }

    @Override
    public synchronized ObjectPosition putNode(byte[] node) {
        ByteArrayOutputStream o = objects.computeIfAbsent(currentObject, k -> new ByteArrayOutputStream());
        long offset = o.size();
        o.writeBytes(node);
        puts.add(new Put(currentObject, offset, node.clone()));
        return new ObjectPosition(currentObject, offset);
    }

    @Override
    public synchronized void discardNode(long objectNumber, long objectOffset, long objectLength) {
        discards.add(new NodeLocation(objectNumber, objectOffset, objectLength));
    }
}
