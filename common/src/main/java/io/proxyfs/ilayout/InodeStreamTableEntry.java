package io.proxyfs.ilayout;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One entry of {@link InodeHeadV1#streamTable()}: a named value (an extended attribute).
 * Encoded as Name (u64 length and UTF-8 bytes), then Value (u64 length and bytes).
 * Immutable (the value is copied in and out), so thread-safe.
 *
 * @param name  the stream's name
 * @param value the stream's bytes
 */
public record InodeStreamTableEntry(String name, byte[] value) {
    /** The fewest bytes an entry occupies (empty name and value). */
    static final int MIN_SIZE = 16;

    /** Copies the value, refusing nulls. */
    public InodeStreamTableEntry {
        Objects.requireNonNull(name, "name");
        value = Objects.requireNonNull(value, "value").clone();
    }

    /** A copy of the stream's bytes. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** Equal when the names are equal and the values hold the same bytes. */
    @Override
    public boolean equals(Object other) {
        return other instanceof InodeStreamTableEntry that
                && name.equals(that.name) && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "InodeStreamTableEntry[name=" + name + ", value=" + HexFormat.of().formatHex(value)
                + "]";
    }

    void writeTo(LayoutWriter writer) {
        writer.string(name).bytes(value);
    }

    static InodeStreamTableEntry readFrom(LayoutReader reader, String field) throws LayoutException {
        String name = reader.string(field + ".Name");
        return new InodeStreamTableEntry(name, reader.bytes(field + ".Value"));
    }
}
