package io.proxyfs.ilayout;

import java.nio.charset.StandardCharsets;

/**
 * The checkpoint, version 1: the text held in object {@link
 * LayoutConstants#CHECK_POINT_OBJECT_NUMBER} (and by ickpt), the only object ever rewritten.
 *
 * <p>Written as {@code "%016X %016X %016X %016X"} of Version (always 1),
 * SuperBlockObjectNumber, SuperBlockLength and ReservedToNonce: 67 ASCII characters, upper
 * case, single spaces, no newline. Read with the original's leniency (see
 * {@link CheckPointScanner}): lower case, 1 to 16 digits per field, runs of spaces, leading
 * spaces and anything after the fourth field are accepted; a newline before the fourth field,
 * a field of more than 16 digits (except the last, whose extra digits are trailing text), a
 * {@code 0x} prefix, a sign, a missing field and a version other than 1 are refused.
 * Immutable, so thread-safe.
 *
 * @param superBlockObjectNumber the object whose tail holds the {@link SuperBlockV1}
 * @param superBlockLength       the length of that tail, trailer included
 * @param reservedToNonce        the highest nonce reserved (inclusive): object and inode
 *                               numbers up to it must never be reused
 */
public record CheckPointV1(long superBlockObjectNumber, long superBlockLength,
                           long reservedToNonce) {

    /** The checkpoint text: four upper-case 16-digit hex fields separated by single spaces. */
    public String toText() {
        return String.format("%016X %016X %016X %016X", LayoutConstants.CHECK_POINT_VERSION_V1,
                superBlockObjectNumber, superBlockLength, reservedToNonce);
    }

    /** The checkpoint text as ASCII bytes, as stored in the object. */
    public byte[] marshal() {
        return toText().getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses the checkpoint text as the original does, refusing a version other than 1. */
    public static CheckPointV1 parse(String text) throws LayoutException {
        CheckPointScanner scanner = new CheckPointScanner(text);
        long version = scanner.hexField("Version");
        scanner.separator("SuperBlockObjectNumber");
        long superBlockObjectNumber = scanner.hexField("SuperBlockObjectNumber");
        scanner.separator("SuperBlockLength");
        long superBlockLength = scanner.hexField("SuperBlockLength");
        scanner.separator("ReservedToNonce");
        long reservedToNonce = scanner.hexField("ReservedToNonce");
        if (version != LayoutConstants.CHECK_POINT_VERSION_V1) {
            throw new LayoutException("CheckPointV1", "Version", 0, String.format(
                    "expected version %016X, found %016X",
                    LayoutConstants.CHECK_POINT_VERSION_V1, version));
        }
        return new CheckPointV1(superBlockObjectNumber, superBlockLength, reservedToNonce);
    }

    /** Parses the checkpoint object's bytes (decoded as UTF-8) as {@link #parse} does. */
    public static CheckPointV1 unmarshal(byte[] bytes) throws LayoutException {
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Reads only the first field, the version, with the same leniency (Go
     * {@code UnmarshalCheckPointVersion}), so a reader can tell which format follows.
     */
    public static long parseVersion(String text) throws LayoutException {
        return new CheckPointScanner(text).hexField("Version");
    }
}
