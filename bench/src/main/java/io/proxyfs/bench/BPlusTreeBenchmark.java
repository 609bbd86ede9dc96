package io.proxyfs.bench;

import io.proxyfs.sortedmap.BPlusTree;
import io.proxyfs.sortedmap.BPlusTreeCallbacks;
import io.proxyfs.sortedmap.FixedBytesValueCodec;
import io.proxyfs.sortedmap.ObjectPosition;
import io.proxyfs.sortedmap.U64KeyCodec;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the paged B+tree ({@link BPlusTree}) with u64 keys and 24-byte values (an
 * inode table's shape), for node sizes of 64 and 1024 keys:
 * <ul>
 *   <li>{@code insert}: builds a tree of 100,000 entries in random key order (score: inserts/s);
 *   <li>{@code lookup}: random {@code get}s of present keys in a built tree of 100,000 entries
 *       (score: lookups/s);
 *   <li>{@code flush}: {@code touch()} then {@code flush(false)} of that tree, rewriting every
 *       node into a storage that only counts bytes (score: entries written/s).
 * </ul>
 * Storage is in memory and discards nothing, so the figures are of the tree itself (encoding,
 * splitting, searching), not of Swift. Run with
 * {@code mvn -q -B -pl bench -am package -DskipTests && java -jar bench/target/bench-all.jar BPlusTree}
 * (add e.g. {@code -wi 1 -i 3 -f 1 -w 1s -r 2s} for a quick run).
 *
 * <p>Thread-safety: JMH runs each benchmark state in one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BPlusTreeBenchmark {
    private static final int ENTRIES = 100_000;
    private static final FixedBytesValueCodec VALUES = new FixedBytesValueCodec(24);

    @Param({"64", "1024"})
    public int maxKeys;

    private long[] keys;
    private byte[] value;
    private BPlusTree<Long, byte[]> built;
    private final Random random = new Random(1);

    /** Storage that places nodes at increasing offsets of one object and keeps nothing. */
    private static final class CountingStorage implements BPlusTreeCallbacks {
        private long offset;

        @Override
        public byte[] getNode(long objectNumber, long objectOffset, long objectLength) {
            throw new UnsupportedOperationException("nodes are never purged in this benchmark");
        }

        @Override
        public ObjectPosition putNode(byte[] node) {
            ObjectPosition at = new ObjectPosition(2, offset);
            offset += node.length;
            return at;
        }

        @Override
        public void discardNode(long objectNumber, long objectOffset, long objectLength) {
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        Random shuffle = new Random(42);
        keys = new long[ENTRIES];
        for (int i = 0; i < ENTRIES; i++) {
            keys[i] = i * 7L + 1;
        }
        for (int i = ENTRIES - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            long t = keys[i];
            keys[i] = keys[j];
            keys[j] = t;
        }
        value = new byte[24];
        built = build();
    }

    private BPlusTree<Long, byte[]> build() {
        BPlusTree<Long, byte[]> tree = BPlusTree.create(maxKeys, U64KeyCodec.INSTANCE, VALUES,
                new CountingStorage(), null);
        for (long k : keys) {
            tree.put(k, value);
        }
        return tree;
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public BPlusTree<Long, byte[]> insert() {
        return build();
    }

    @Benchmark
    public byte[] lookup() {
        return built.get(keys[random.nextInt(ENTRIES)]);
    }

    @Benchmark
    @OperationsPerInvocation(ENTRIES)
    public void flush(Blackhole bh) {
        built.touch();
        bh.consume(built.flush(false));
        built.prune();
    }
}
