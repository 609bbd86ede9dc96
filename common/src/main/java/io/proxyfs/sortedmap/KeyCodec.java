package io.proxyfs.sortedmap;

import java.util.Comparator;

/**
 * How a tree packs, unpacks and orders its keys: the key part of the original's
 * {@code BPlusTreeCallbacks} ({@code PackKey}, {@code UnpackKey}) plus its {@code Compare}.
 *
 * <p>{@link #unpack} consumes exactly the bytes of one key from the reader; the bytes consumed
 * (the original's {@code bytesConsumed}) are the reader's advance. It throws {@link
 * BPlusTreeException} (or lets the reader's throw) when the bytes are not a valid key. The order
 * must be consistent with the packed form the original used (e.g. unsigned for integers,
 * bytewise for strings). Keys must be immutable. Thread-safety: implementations must be
 * stateless or thread-safe.
 *
 * @param <K> the key type
 */
public interface KeyCodec<K> extends Comparator<K> {

    /** Appends the packed form of {@code key}. */
    void pack(K key, ByteWriter out);

    /** Reads one packed key. */
    K unpack(ByteReader in);
}
