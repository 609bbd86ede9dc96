package io.proxyfs.sortedmap;

/**
 * How a tree packs and unpacks its values: the value part of the original's
 * {@code BPlusTreeCallbacks} ({@code PackValue}, {@code UnpackValue}).
 *
 * <p>{@link #unpack} consumes exactly the bytes of one value and throws {@link
 * BPlusTreeException} (or lets the reader's throw) when they are not a valid value. Values are
 * stored by reference: callers must not modify a value after handing it to the tree or after
 * reading it from the tree. Thread-safety: implementations must be stateless or thread-safe.
 *
 * @param <V> the value type
 */
public interface ValueCodec<V> {

    /** Appends the packed form of {@code value}. */
    void pack(V value, ByteWriter out);

    /** Reads one packed value. */
    V unpack(ByteReader in);
}
