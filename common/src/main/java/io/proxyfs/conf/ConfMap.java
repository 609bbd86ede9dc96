package io.proxyfs.conf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The options of a ProxyFS {@code .conf} file (with its includes and command-line overrides),
 * section by section, and typed getters that read them as the original Go package {@code conf}
 * does.
 *
 * <p>A file holds {@code [Section]} headers, {@code Key: values} or {@code Key = values} lines,
 * comments from {@code #} or {@code ;} to the end of the line, and {@code .include path} lines
 * (a relative path is found beside the including file; an include ends the current section).
 * Values are separated by blanks or commas; {@code \u005Cu002C} in a value stands for a comma and
 * {@code \u005Cu0020} for a blank. A later occurrence of an option replaces the earlier one.
 *
 * <p>Getters throw {@link ConfException} naming the file, the section, the option and the
 * offending text when an option is missing or its value does not fit the type. The variants with a
 * default return it only when the option (or its whole section) is missing; a malformed value is
 * still an error.
 *
 * <p>Immutable, hence thread-safe: {@link #withOverride(String)} returns a new map.
 */
public final class ConfMap {
    private final String source;
    private final Map<String, Map<String, List<String>>> sections;

    private ConfMap(String source, Map<String, Map<String, List<String>>> sections) {
        this.source = source;
        this.sections = sections;
    }

    /** Reads {@code file} and the files it includes. */
    public static ConfMap load(Path file) {
        ConfBuilder builder = new ConfBuilder();
        new ConfReader(builder).readFile(file, file.toString());
        return new ConfMap(file.toString(), builder.freeze());
    }

    /**
     * Reads {@code file}, then applies {@code overrides} in order, each as {@link #withOverride(String)}
     * does (typically the command-line arguments after the file name).
     */
    public static ConfMap load(Path file, List<String> overrides) {
        return load(file).withOverrides(overrides);
    }

    /**
     * Reads {@code text} as if it were the content of a file named {@code nameForErrors}: messages
     * name it, and relative includes are found beside it. As in a file, the text must end with a
     * newline.
     */
    public static ConfMap parse(String text, String nameForErrors) {
        ConfBuilder builder = new ConfBuilder();
        new ConfReader(builder).readText(text, nameForErrors, Path.of(nameForErrors));
        return new ConfMap(nameForErrors, builder.freeze());
    }

    /**
     * This map with one override applied: {@code Section.Key=values} or {@code Section.Key: values},
     * where the section ends at the first dot and the values are split as in a file (none is
     * allowed). The option, and its section, are created if absent.
     *
     * @throws ConfException when {@code override} is not of that form
     */
    public ConfMap withOverride(String override) {
        return withOverrides(List.of(override));
    }

    /** This map with {@code overrides} applied in order, each as {@link #withOverride(String)}. */
    public ConfMap withOverrides(List<String> overrides) {
        ConfBuilder builder = ConfBuilder.copyOf(sections);
        for (String text : overrides) {
            ConfSyntax.Override override = ConfSyntax.override(text).orElseThrow(() -> new ConfException(
                    source + ": malformed override " + ConfSyntax.quote(text)
                            + " (expected Section.Key=values or Section.Key: values)"));
            builder.put(override.section(), override.key(), override.values());
        }
        return new ConfMap(source, builder.freeze());
    }

    /** The file (or name) this map was read from, as given; messages start with it. */
    public String source() {
        return source;
    }

    /**
     * Every option: section, then option, then its values, in the order they first appeared.
     * Unmodifiable at every level; a JSON serializer such as Jackson can write it as it is.
     */
    public Map<String, Map<String, List<String>>> asMap() {
        return sections;
    }

    /** The section names, in the order they first appeared. */
    public Set<String> sections() {
        return sections.keySet();
    }

    public boolean hasSection(String section) {
        return sections.containsKey(section);
    }

    /**
     * Whether the option is absent (or its whole section is). The original's VerifyOptionIsMissing
     * also failed when the section was absent; check {@link #hasSection(String)} for that.
     */
    public boolean isMissing(String section, String key) {
        Map<String, List<String>> options = sections.get(section);
        return options == null || !options.containsKey(key);
    }

    /**
     * Whether the option is present with no value ({@code Key:} alone).
     *
     * @throws ConfException when the option is missing
     */
    public boolean isEmpty(String section, String key) {
        return values(section, key).isEmpty();
    }

    /** The option's values, possibly none. */
    public List<String> getStringList(String section, String key) {
        return values(section, key);
    }

    public List<String> getStringList(String section, String key, List<String> defaultValues) {
        return isMissing(section, key) ? List.copyOf(defaultValues) : getStringList(section, key);
    }

    /** The option's single value; no value or several values are an error, as in the original. */
    public String getString(String section, String key) {
        List<String> values = values(section, key);
        if (values.size() != 1) {
            String found = values.isEmpty()
                    ? "none"
                    : values.size() + ": " + values.stream().map(ConfSyntax::quote).collect(Collectors.joining(", "));
            throw fail(section, key, ": expected exactly one value, found " + found);
        }
        return values.get(0);
    }

    public String getString(String section, String key, String defaultValue) {
        return isMissing(section, key) ? defaultValue : getString(section, key);
    }

    /** {@code true}, {@code yes}, {@code on}, {@code false}, {@code no} or {@code off}, in any case. */
    public boolean getBool(String section, String key) {
        return typed(section, key, GoScalars::parseBool);
    }

    public boolean getBool(String section, String key, boolean defaultValue) {
        return isMissing(section, key) ? defaultValue : getBool(section, key);
    }

    /** An unsigned decimal integer from 0 to 255. */
    public int getUint8(String section, String key) {
        return (int) unsigned(section, key, Byte.SIZE);
    }

    /** An unsigned decimal integer from 0 to 65535. */
    public int getUint16(String section, String key) {
        return (int) unsigned(section, key, Short.SIZE);
    }

    public int getUint16(String section, String key, int defaultValue) {
        return isMissing(section, key) ? defaultValue : getUint16(section, key);
    }

    /** An unsigned decimal integer from 0 to 4294967295. */
    public long getUint32(String section, String key) {
        return unsigned(section, key, Integer.SIZE);
    }

    public long getUint32(String section, String key, long defaultValue) {
        return isMissing(section, key) ? defaultValue : getUint32(section, key);
    }

    /**
     * An unsigned decimal integer from 0 to 18446744073709551615, as the bits of a {@code long}:
     * values above {@link Long#MAX_VALUE} come back negative (see {@link Long#toUnsignedString(long)}).
     */
    public long getUint64(String section, String key) {
        return unsigned(section, key, Long.SIZE);
    }

    public long getUint64(String section, String key, long defaultValue) {
        return isMissing(section, key) ? defaultValue : getUint64(section, key);
    }

    /** A number in Go's strconv.ParseFloat syntax; one that overflows a double is an error. */
    public double getFloat64(String section, String key) {
        return typed(section, key, GoScalars::parseFloat64);
    }

    public double getFloat64(String section, String key, double defaultValue) {
        return isMissing(section, key) ? defaultValue : getFloat64(section, key);
    }

    /**
     * A duration in Go's syntax (see {@link GoDuration}); a negative one is an error, as in the
     * original.
     */
    public Duration getDuration(String section, String key) {
        Duration duration = typed(section, key, GoDuration::parse);
        if (duration.isNegative()) {
            throw fail(section, key, ": " + ConfSyntax.quote(getString(section, key)) + " is a negative duration");
        }
        return duration;
    }

    public Duration getDuration(String section, String key, Duration defaultValue) {
        return isMissing(section, key) ? defaultValue : getDuration(section, key);
    }

    private long unsigned(String section, String key, int bits) {
        return typed(section, key, text -> GoScalars.parseUint(text, bits));
    }

    private <T> T typed(String section, String key, Function<String, T> parser) {
        String text = getString(section, key);
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw fail(section, key, ": " + e.getMessage());
        }
    }

    private List<String> values(String section, String key) {
        Map<String, List<String>> options = sections.get(section);
        if (options == null) {
            throw fail(section, key, " is missing (there is no [" + section + "] section)");
        }
        List<String> values = options.get(key);
        if (values == null) {
            throw fail(section, key, " is missing");
        }
        return values;
    }

    /**
     * An error about an option whose value parsed but cannot be used (e.g. a low limit above its
     * high limit), worded like every other config error: {@code file: [Section]Key: problem}.
     */
    public ConfException invalid(String section, String key, String problem) {
        return fail(section, key, ": " + problem);
    }

    private ConfException fail(String section, String key, String problem) {
        return new ConfException(source + ": [" + section + "]" + key + problem);
    }
}
