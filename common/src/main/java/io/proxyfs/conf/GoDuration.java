package io.proxyfs.conf;

import java.time.Duration;
import java.util.Map;

/**
 * Parses durations written as Go's {@code time.ParseDuration} accepts them: an optional sign, then
 * one or more decimal numbers, each with an optional fraction and a unit, such as {@code 300ms},
 * {@code -1.5h} or {@code 2h45m}. Units are {@code ns}, {@code us} (or {@code µs}, {@code μs}),
 * {@code ms}, {@code s}, {@code m} and {@code h}; a lone {@code 0} needs no unit.
 *
 * <p>Stateless, hence thread-safe.
 */
public final class GoDuration {
    /** 1 &lt;&lt; 63 read as an unsigned number: the largest magnitude Go accepts (for a negative result). */
    private static final long MAGNITUDE_LIMIT = Long.MIN_VALUE;

    private static final long NANOS_PER_MICRO = 1_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L,
            "us", NANOS_PER_MICRO,
            "\u00b5s", NANOS_PER_MICRO,
            "\u03bcs", NANOS_PER_MICRO,
            "ms", NANOS_PER_MILLI,
            "s", NANOS_PER_SECOND,
            "m", 60 * NANOS_PER_SECOND,
            "h", 3600 * NANOS_PER_SECOND);

    private GoDuration() {
    }

    /**
     * Parses {@code text} as Go's {@code time.ParseDuration} does.
     *
     * @return the duration, exact to the nanosecond (fractions are rounded toward zero, as in Go)
     * @throws IllegalArgumentException when {@code text} is not a duration or does not fit in a
     *     signed 64-bit count of nanoseconds; the message quotes {@code text} and says why
     */
    public static Duration parse(String text) {
        return new Scanner(text).duration();
    }

    /** Walks one duration string, accumulating the unsigned magnitude in nanoseconds. */
    private static final class Scanner {
        private final String text;
        private int pos;

        Scanner(String text) {
            this.text = text;
        }

        Duration duration() {
            boolean negative = false;
            if (pos < text.length() && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
                negative = text.charAt(pos) == '-';
                pos++;
            }
            if (text.substring(pos).equals("0")) {
                return Duration.ZERO;
            }
            if (pos == text.length()) {
                throw invalid("no number");
            }
            long total = 0;
            while (pos < text.length()) {
                long term = term();
                if (Long.compareUnsigned(term, MAGNITUDE_LIMIT - total) > 0) {
                    throw invalid("out of range");
                }
                total += term;
            }
            if (negative) {
                return Duration.ofNanos(-total);
            }
            if (total < 0) {
                throw invalid("out of range");
            }
            return Duration.ofNanos(total);
        }

        /** One number with its unit, in nanoseconds (unsigned, at most 1 &lt;&lt; 63). */
        private long term() {
            char first = text.charAt(pos);
            if (first != '.' && !isDigit(first)) {
                throw invalid("expected a number at \"" + text.substring(pos) + "\"");
            }
            int integerStart = pos;
            long whole = wholeNumber();
            boolean hasWhole = pos != integerStart;
            long fraction = 0;
            double scale = 1;
            boolean hasFraction = false;
            if (pos < text.length() && text.charAt(pos) == '.') {
                pos++;
                int fractionStart = pos;
                boolean saturated = false;
                while (pos < text.length() && isDigit(text.charAt(pos))) {
                    if (!saturated) {
                        long next = fraction * 10 + (text.charAt(pos) - '0');
                        if (Long.compareUnsigned(fraction, Long.MAX_VALUE / 10) > 0
                                || Long.compareUnsigned(next, MAGNITUDE_LIMIT) > 0) {
                            saturated = true;
                        } else {
                            fraction = next;
                            scale *= 10;
                        }
                    }
                    pos++;
                }
                hasFraction = pos != fractionStart;
            }
            if (!hasWhole && !hasFraction) {
                throw invalid("a number needs at least one digit");
            }
            long unit = unit();
            if (Long.compareUnsigned(whole, Long.divideUnsigned(MAGNITUDE_LIMIT, unit)) > 0) {
                throw invalid("out of range");
            }
            long nanos = whole * unit;
            if (fraction != 0) {
                nanos += (long) (unsignedToDouble(fraction) * (unit / scale));
                if (Long.compareUnsigned(nanos, MAGNITUDE_LIMIT) > 0) {
                    throw invalid("out of range");
                }
            }
            return nanos;
        }

        private long wholeNumber() {
            long value = 0;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                if (Long.compareUnsigned(value, Long.divideUnsigned(MAGNITUDE_LIMIT, 10)) > 0) {
                    throw invalid("out of range");
                }
                value = value * 10 + (text.charAt(pos) - '0');
                if (Long.compareUnsigned(value, MAGNITUDE_LIMIT) > 0) {
                    throw invalid("out of range");
                }
                pos++;
            }
            return value;
        }

        private long unit() {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != '.' && !isDigit(text.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw invalid("missing unit");
            }
            String unit = text.substring(start, pos);
            Long nanos = UNIT_NANOS.get(unit);
            if (nanos == null) {
                throw invalid("unknown unit \"" + unit + "\"");
            }
            return nanos;
        }

        private IllegalArgumentException invalid(String reason) {
            return new IllegalArgumentException(
                    "\"" + text + "\" is not a valid duration (" + reason + ")");
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static double unsignedToDouble(long value) {
            return value >= 0 ? value : (double) (value >>> 1) * 2.0;
        }
    }
}
