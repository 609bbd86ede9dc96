package io.proxyfs.ilayout;

/**
 * Maps object numbers to Swift object names and back: 16 upper-case hex digits, least
 * significant nibble first, so that consecutive numbers spread over name prefixes (1 is
 * {@code 1000000000000000}, 0x123 is {@code 3210000000000000}). Thread-safe: stateless.
 */
public final class ObjectNames {
    /** Characters in every object name. */
    public static final int LENGTH = 16;

    private static final String STRUCTURE = "ObjectName";
    private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

    private ObjectNames() {
    }

    /** The object name of {@code objectNumber} (read as unsigned). */
    public static String nameOf(long objectNumber) {
        char[] name = new char[LENGTH];
        long rest = objectNumber;
        for (int i = 0; i < LENGTH; i++) {
            name[i] = DIGITS[(int) (rest & 0xF)];
            rest >>>= 4;
        }
        return new String(name);
    }

    /**
     * The object number named by {@code objectName}, refusing any length but 16 and any
     * character outside {@code 0-9A-F} (lower case included).
     */
    public static long numberOf(String objectName) throws LayoutException {
        if (objectName.length() != LENGTH) {
            throw new LayoutException(STRUCTURE, "name", 0, "expected " + LENGTH
                    + " characters, found " + objectName.length());
        }
        long number = 0;
        for (int i = LENGTH - 1; i >= 0; i--) {
            number = (number << 4) | digitAt(objectName, i);
        }
        return number;
    }

    private static int digitAt(String objectName, int index) throws LayoutException {
        char c = objectName.charAt(index);
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        throw new LayoutException(STRUCTURE, "name", index, String.format(
                "invalid character U+%04X, expected one of 0123456789ABCDEF", (int) c));
    }
}
