package io.proxyfs.conf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lexical rules of ProxyFS {@code .conf} lines and command-line overrides, written with the
 * same regular expressions as the original (Go's leftmost-first matching and Java's agree on them),
 * so that the same lines are accepted and split into the same values.
 *
 * <p>Stateless, hence thread-safe.
 */
final class ConfSyntax {
    private static final String ASSIGNMENT = "[ \t]*[=:][ \t]*";
    private static final String SEPARATOR = "[ \t]+|[ \t]*,[ \t]*";
    private static final String TOKEN = "[0-9A-Za-z_*\\-/:.\\[\\]]+\\$?";
    private static final String VALUE = "[0-9A-Za-z_=*\\-+/:.\\[\\]\"{}\\\\]+\\$?";
    private static final String VALUES = "(?:" + VALUE + "(?:(?:" + SEPARATOR + ")" + VALUE + ")*)?";

    private static final Pattern OPTION_LINE = Pattern.compile(TOKEN + ASSIGNMENT + VALUES);
    private static final Pattern OVERRIDE = Pattern.compile(TOKEN + "\\." + TOKEN + ASSIGNMENT + VALUES);
    private static final Pattern SECTION_HEADER = Pattern.compile("\\[" + TOKEN + "\\]");
    private static final Pattern SECTION_NAME = Pattern.compile("[0-9A-Za-z_\\-/:.]+");
    private static final Pattern INCLUDE = Pattern.compile("\\.include[ \t]+" + TOKEN);
    private static final Pattern BLANKS = Pattern.compile("[ \t]+");

    /** The escapes the original decodes inside values, in the order it replaces them. */
    private static final String[][] ESCAPES = {
        {"\\u0020", " "}, {"\\U0020", " "},
        {"\\u002C", ","}, {"\\U002C", ","}, {"\\u002c", ","}, {"\\U002c", ","},
    };

    /** A {@code Key: values} line. */
    record Option(String key, List<String> values) {
    }

    /** A {@code Section.Key=values} override. */
    record Override(String section, String key, List<String> values) {
    }

    private ConfSyntax() {
    }

    /** The line without its comment (from the first {@code ;} or {@code #}) and outer blanks. */
    static String meaningfulPart(String rawLine) {
        int end = rawLine.length();
        int semicolon = rawLine.indexOf(';');
        if (semicolon >= 0) {
            end = semicolon;
        }
        int hash = rawLine.indexOf('#');
        if (hash >= 0 && hash < end) {
            end = hash;
        }
        return trimBlanks(rawLine.substring(0, end));
    }

    /** The path of an {@code .include path} line, if {@code line} is one. */
    static Optional<String> includePath(String line) {
        if (!INCLUDE.matcher(line).matches()) {
            return Optional.empty();
        }
        return Optional.of(BLANKS.split(line, 2)[1]);
    }

    /**
     * The section named by a {@code [Section]} line, if {@code line} is one. As in the original, the
     * name is the first run of name characters between the brackets, which is empty for a header
     * such as {@code [*]}: options may not follow such a header.
     */
    static Optional<String> sectionHeader(String line) {
        if (!SECTION_HEADER.matcher(line).matches()) {
            return Optional.empty();
        }
        Matcher name = SECTION_NAME.matcher(line);
        return Optional.of(name.find() ? name.group() : "");
    }

    /** Whether a line that is not a valid header was probably meant as one (for messages). */
    static boolean looksLikeSectionHeader(String line) {
        return line.startsWith("[") && line.endsWith("]");
    }

    /** The key and values of a {@code Key: values} or {@code Key = values} line, if it is one. */
    static Optional<Option> optionLine(String line) {
        if (!OPTION_LINE.matcher(line).matches()) {
            return Optional.empty();
        }
        String[] keyAndValues = line.split(ASSIGNMENT, 2);
        return Optional.of(new Option(keyAndValues[0], splitValues(keyAndValues[1])));
    }

    /** The parts of a {@code Section.Key=values} or {@code Section.Key: values} override, if it is one. */
    static Optional<Override> override(String text) {
        String trimmed = trimBlanks(text);
        if (!OVERRIDE.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        int dot = trimmed.indexOf('.');
        String[] keyAndValues = trimmed.substring(dot + 1).split(ASSIGNMENT, 2);
        return Optional.of(new Override(trimmed.substring(0, dot), keyAndValues[0], splitValues(keyAndValues[1])));
    }

    /** {@code text} in double quotes, with carriage returns and tabs made visible. */
    static String quote(String text) {
        return "\"" + text.replace("\r", "\\r").replace("\t", "\\t") + "\"";
    }

    private static List<String> splitValues(String values) {
        String[] parts = values.split(SEPARATOR, -1);
        if (parts.length == 1 && parts[0].isEmpty()) {
            return List.of();
        }
        List<String> decoded = new ArrayList<>(parts.length);
        for (String part : parts) {
            decoded.add(decodeEscapes(part));
        }
        return decoded;
    }

    private static String decodeEscapes(String value) {
        String decoded = value;
        for (String[] escape : ESCAPES) {
            decoded = decoded.replace(escape[0], escape[1]);
        }
        return decoded;
    }

    private static String trimBlanks(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
