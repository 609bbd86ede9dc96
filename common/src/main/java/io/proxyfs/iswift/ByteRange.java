package io.proxyfs.iswift;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single satisfiable byte range of an object, parsed from a {@code Range} header of the form
 * {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}. Immutable.
 *
 * @param first offset of the first byte
 * @param last  offset of the last byte, inclusive
 */
record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*");

    /** What a Range header asks of an object of a given length. */
    sealed interface Request permits Whole, Partial, Unsatisfiable {
    }

    /** No usable Range header: send the whole object (RFC 9110 lets a server ignore the rest). */
    record Whole() implements Request {
    }

    /** Send this range with 206. */
    record Partial(ByteRange range) implements Request {
    }

    /** Send 416. */
    record Unsatisfiable() implements Request {
    }

    long length() {
        return last - first + 1;
    }

    /** Interprets {@code header} (may be null) against an object of {@code size} bytes. */
    static Request parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        Matcher m = SINGLE.matcher(header);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return new Whole();
        }
        Optional<Long> a = number(m.group(1));
        Optional<Long> b = number(m.group(2));
        if ((!m.group(1).isEmpty() && a.isEmpty()) || (!m.group(2).isEmpty() && b.isEmpty())) {
            return new Whole();
        }
        if (a.isEmpty()) {
            long suffix = b.get();
            if (suffix == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = a.get();
        if (b.isPresent() && b.get() < first) {
            return new Whole();
        }
        if (first >= size) {
            return new Unsatisfiable();
        }
        long last = b.isPresent() ? Math.min(b.get(), size - 1) : size - 1;
        return new Partial(new ByteRange(first, last));
    }

    private static Optional<Long> number(String digits) {
        if (digits.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
