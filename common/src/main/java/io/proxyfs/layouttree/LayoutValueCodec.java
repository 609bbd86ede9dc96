package io.proxyfs.layouttree;

import io.proxyfs.ilayout.LayoutException;
import io.proxyfs.sortedmap.BPlusTreeException;
import io.proxyfs.sortedmap.ByteReader;
import io.proxyfs.sortedmap.ByteWriter;
import io.proxyfs.sortedmap.ValueCodec;
import java.util.function.Function;

/**
 * A B+tree value codec for a fixed-size layout record: packs its {@code marshal()} bytes and
 * unpacks exactly {@code size} bytes through its decoder, turning a {@link LayoutException} into
 * a {@link BPlusTreeException} that names the record. Immutable; thread-safe.
 *
 * @param <V> the layout record
 */
final class LayoutValueCodec<V> implements ValueCodec<V> {
    /** Decodes one record from exactly its bytes. */
    @FunctionalInterface
    interface Decoder<V> {
        V decode(byte[] bytes) throws LayoutException;
    }

    private final String name;
    private final int size;
    private final Function<V, byte[]> encoder;
    private final Decoder<V> decoder;

    LayoutValueCodec(String name, int size, Function<V, byte[]> encoder, Decoder<V> decoder) {
        this.name = name;
        this.size = size;
        this.encoder = encoder;
        this.decoder = decoder;
    }

    @Override
    public void pack(V value, ByteWriter out) {
        out.bytes(encoder.apply(value));
    }

    @Override
    public V unpack(ByteReader in) {
        byte[] bytes = in.bytes(size);
        try {
            return decoder.decode(bytes);
        } catch (LayoutException e) {
            throw new BPlusTreeException("bad " + name + " in a B+tree node: " + e.getMessage(), e);
        }
    }
}
