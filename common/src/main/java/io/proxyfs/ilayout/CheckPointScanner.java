package io.proxyfs.ilayout;

/**
 * Reads the checkpoint text exactly as the original's Go {@code fmt.Sscanf(text,
 * "%016X %016X %016X %016X", ...)} does, leniency included, so that every checkpoint the
 * original accepts is accepted here and every one it refuses is refused.
 *
 * <p>Each {@code %016X} skips spaces (Go's Unicode white space; a newline is refused), then
 * reads 1 to 16 hex digits of either case. Each space of the format needs at least one space in
 * the text (or the end of the text, after which the next field is missing), and skips the
 * whole run, refusing a newline. Text after the last field is ignored. Offsets in errors are
 * character indexes. Not thread-safe: it keeps a position; use one per parse.
 */
final class CheckPointScanner {
    private static final String STRUCTURE = "CheckPointV1";
    private static final int FIELD_WIDTH = 16;

    private final String text;
    private int pos;

    CheckPointScanner(String text) {
        this.text = text;
    }

    /** One {@code %016X}: optional spaces, then 1 to 16 hex digits. */
    long hexField(String field) throws LayoutException {
        skipSpaces(field);
        if (pos == text.length()) {
            throw error(field, "missing: end of text");
        }
        int start = pos;
        long value = 0;
        while (pos - start < FIELD_WIDTH && pos < text.length()) {
            int digit = hexDigit(text.charAt(pos));
            if (digit < 0) {
                break;
            }
            value = (value << 4) | digit;
            pos++;
        }
        if (pos == start) {
            throw error(field, "expected a hex digit, found " + describe(text.codePointAt(pos)));
        }
        return value;
    }

    /** One space of the format, before {@code nextField}. */
    void separator(String nextField) throws LayoutException {
        if (pos == text.length()) {
            return;
        }
        int c = text.codePointAt(pos);
        if (c == '\n') {
            throw error(nextField, "unexpected newline between fields");
        }
        if (!isGoSpace(c)) {
            throw error(nextField, "expected a space before it, found " + describe(c));
        }
        pos += Character.charCount(c);
        skipSpacesBeforeNewline();
    }

    private void skipSpaces(String field) throws LayoutException {
        skipSpacesBeforeNewline();
        if (pos < text.length() && text.charAt(pos) == '\n') {
            throw error(field, "unexpected newline");
        }
    }

    private void skipSpacesBeforeNewline() {
        while (pos < text.length()) {
            int c = text.codePointAt(pos);
            if (c == '\n' || !isGoSpace(c)) {
                return;
            }
            pos += Character.charCount(c);
        }
    }

    private LayoutException error(String field, String problem) {
        return new LayoutException(STRUCTURE, field, pos, problem);
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Go's {@code fmt} white space: the Unicode White_Space characters. */
    private static boolean isGoSpace(int c) {
        return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F
                || c == 0x205F || c == 0x3000;
    }

    private static String describe(int c) {
        return String.format("U+%04X", c);
    }
}
