package io.proxyfs.bench.imgr;

import io.proxyfs.imgr.volume.VolumeObjects;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link VolumeObjects} that passes every call through and counts what is written (object PUTs
 * and checkpoint-text writes: calls, bytes, the largest single write, and the time spent in them),
 * so that a checkpoint's output and its Swift time can be reported. Thread-safe.
 */
final class CountingVolumeObjects implements VolumeObjects {
    private final VolumeObjects inner;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong largest = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();

    CountingVolumeObjects(VolumeObjects inner) {
        this.inner = inner;
    }

    /** What was written since the last reset. */
    record Written(long writes, long bytes, long largest, long nanos) {
    }

    /** Returns the counts and starts counting again from zero. */
    Written reset() {
        return new Written(writes.getAndSet(0), bytes.getAndSet(0), largest.getAndSet(0), writeNanos.getAndSet(0));
    }

    private void count(int length, long t0) {
        writeNanos.addAndGet(System.nanoTime() - t0);
        writes.incrementAndGet();
        bytes.addAndGet(length);
        largest.accumulateAndGet(length, Math::max);
    }

    @Override
    public void put(long objectNumber, byte[] data) throws IOException {
        long t0 = System.nanoTime();
        inner.put(objectNumber, data);
        count(data.length, t0);
    }

    @Override
    public byte[] getRange(long objectNumber, long offset, long length) throws IOException {
        return inner.getRange(objectNumber, offset, length);
    }

    @Override
    public byte[] getTail(long objectNumber, long length) throws IOException {
        return inner.getTail(objectNumber, length);
    }

    @Override
    public boolean delete(long objectNumber) throws IOException {
        return inner.delete(objectNumber);
    }

    @Override
    public byte[] readCheckPoint() throws IOException {
        return inner.readCheckPoint();
    }

    @Override
    public void writeCheckPoint(byte[] text) throws IOException {
        long t0 = System.nanoTime();
        inner.writeCheckPoint(text);
        count(text.length, t0);
    }
}
