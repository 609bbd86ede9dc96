package io.proxyfs.conf;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses single option values the way the original's getters do with Go's {@code strconv} and
 * {@code strings}: unsigned decimal integers of a given width, 64-bit floats and the six boolean
 * words. Each failure is an {@link IllegalArgumentException} whose message quotes the text, e.g.
 * {@code "32x56" is not a valid uint16}.
 *
 * <p>Stateless, hence thread-safe.
 */
final class GoScalars {
    private static final Pattern DECIMAL_DIGITS = Pattern.compile("[0-9]+");

    /** strconv.ParseFloat's syntax, without the underscores it allows after a base prefix. */
    private static final Pattern GO_FLOAT = Pattern.compile(
            "[+-]?(?:"
                    + "(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
                    + "|0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?[0-9]+"
                    + "|(?i:inf|infinity))"
                    + "|(?i:nan)");

    private GoScalars() {
    }

    /**
     * An unsigned decimal integer of {@code bits} bits (8, 16, 32 or 64), as strconv.ParseUint(text,
     * 10, bits): digits only, no sign. A 64-bit result above {@link Long#MAX_VALUE} comes back
     * negative: read it with {@link Long#toUnsignedString(long)} or the unsigned methods of Long.
     */
    static long parseUint(String text, int bits) {
        if (!DECIMAL_DIGITS.matcher(text).matches()) {
            throw invalid(text, "uint" + bits);
        }
        long value;
        try {
            value = Long.parseUnsignedLong(text);
        } catch (NumberFormatException tooBig) {
            throw invalid(text, "uint" + bits, "out of range");
        }
        if (bits < Long.SIZE && Long.compareUnsigned(value, (1L << bits) - 1) > 0) {
            throw invalid(text, "uint" + bits, "out of range");
        }
        return value;
    }

    /** A 64-bit float, as strconv.ParseFloat(text, 64): finite text that overflows is refused. */
    static double parseFloat64(String text) {
        if (!GO_FLOAT.matcher(text).matches()) {
            throw invalid(text, "float64");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.endsWith("nan")) {
            return Double.NaN;
        }
        if (lower.endsWith("inf") || lower.endsWith("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw invalid(text, "float64", "out of range");
        }
        return value;
    }

    /** {@code true}, {@code yes}, {@code on} or {@code false}, {@code no}, {@code off}, in any case. */
    static boolean parseBool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw invalid(text, "bool", "expected true/false, yes/no or on/off");
        };
    }

    private static IllegalArgumentException invalid(String text, String type) {
        return new IllegalArgumentException("\"" + text + "\" is not a valid " + type);
    }

    private static IllegalArgumentException invalid(String text, String type, String reason) {
        return new IllegalArgumentException("\"" + text + "\" is not a valid " + type + " (" + reason + ")");
    }
}
