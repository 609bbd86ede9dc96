package io.proxyfs.ilayout;

import java.io.IOException;

/**
 * Thrown when bytes (or text) read from the object store do not decode as the on-disk layout:
 * truncated input, a count or length larger than what remains, a wrong trailer, an unknown
 * version or type, trailing bytes, or malformed text.
 *
 * <p>The message names the structure, the field and the offset (in bytes from the start of the
 * structure, or in characters for text forms) where decoding stopped. It is an
 * {@link IOException} because corrupt stored data is an I/O failure for every caller.
 * Immutable, so thread-safe.
 */
public final class LayoutException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String structure;
    private final String field;
    private final long offset;

    /**
     * @param structure the structure being decoded, e.g. {@code "InodeHeadV1"}
     * @param field     the field being decoded, e.g. {@code "LinkTable[1].ParentDirEntryName"}
     * @param offset    where that field starts, from the start of the structure
     * @param problem   what is wrong with it
     */
    public LayoutException(String structure, String field, long offset, String problem) {
        super(structure + "." + field + " at offset " + offset + ": " + problem);
        this.structure = structure;
        this.field = field;
        this.offset = offset;
    }

    /** The structure being decoded, e.g. {@code "SuperBlockV1"}. */
    public String structure() {
        return structure;
    }

    /** The field being decoded when the problem was found. */
    public String field() {
        return field;
    }

    /** Where the field starts, from the start of the structure. */
    public long offset() {
        return offset;
    }
}
