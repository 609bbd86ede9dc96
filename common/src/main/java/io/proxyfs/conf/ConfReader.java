package io.proxyfs.conf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads {@code .conf} text line by line into a {@link ConfBuilder}, following {@code .include}
 * lines, with the original's rules: lines end at {@code \n} and the text must end with one;
 * options belong to the last {@code [Section]} header, and an {@code .include} ends the current
 * section; a relative include is found beside the including file.
 *
 * <p>Not thread-safe: one instance reads one top-level file or text.
 */
final class ConfReader {
    private final ConfBuilder builder;
    /** Real paths of the files being read, outermost first, to refuse include cycles. */
    private final List<Path> openFiles = new ArrayList<>();

    ConfReader(ConfBuilder builder) {
        this.builder = builder;
    }

    /** Reads {@code file}; messages name it as {@code displayName}. */
    void readFile(Path file, String displayName) {
        byte[] bytes;
        Path realPath;
        try {
            bytes = Files.readAllBytes(file);
            realPath = file.toRealPath();
        } catch (IOException e) {
            throw new ConfException(displayName + ": cannot read the file: " + e, e);
        }
        openFiles.add(realPath);
        try {
            readText(decodeUtf8(bytes, displayName), displayName, file);
        } finally {
            openFiles.remove(openFiles.size() - 1);
        }
    }

    /**
     * Reads {@code text} as the content of {@code file}, which locates relative includes (and need
     * not exist); messages name it as {@code displayName}.
     */
    void readText(String text, String displayName, Path file) {
        String section = "";
        int lineNumber = 0;
        int lineStart = 0;
        for (int newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', lineStart)) {
            lineNumber++;
            Line line = new Line(displayName, lineNumber, text.substring(lineStart, newline));
            section = readLine(line, section, file);
            lineStart = newline + 1;
        }
        if (lineStart < text.length()) {
            throw new Line(displayName, lineNumber + 1, text.substring(lineStart))
                    .error("the file does not end with a newline (the original refuses this too)");
        }
    }

    /** Handles one line; returns the section that the next line's options belong to ("" for none). */
    private String readLine(Line line, String section, Path file) {
        String meaningful = ConfSyntax.meaningfulPart(line.raw());
        if (meaningful.isEmpty()) {
            return section;
        }
        Optional<String> include = ConfSyntax.includePath(meaningful);
        if (include.isPresent()) {
            readInclude(line, file, include.get());
            return "";
        }
        Optional<String> header = ConfSyntax.sectionHeader(meaningful);
        if (header.isPresent()) {
            return header.get();
        }
        ConfSyntax.Option option = ConfSyntax.optionLine(meaningful).orElseThrow(() -> line.error(
                ConfSyntax.looksLikeSectionHeader(meaningful)
                        ? "malformed [Section] header (a section name may hold letters, digits and _-/:.)"
                        : "malformed line (expected \"Key: values\", \"Key = values\", \"[Section]\" or \".include path\")"));
        if (section.isEmpty()) {
            throw line.error("option outside any section (options must follow a [Section] header,"
                    + " and an .include ends the current section)");
        }
        builder.put(section, option.key(), option.values());
        return section;
    }

    private void readInclude(Line line, Path file, String includePath) {
        Path included = includePath.startsWith("/")
                ? Path.of(includePath)
                : file.toAbsolutePath().getParent().resolve(includePath);
        Path realPath;
        try {
            realPath = included.toRealPath();
        } catch (IOException e) {
            throw line.error("cannot read the included file " + included + ": " + e);
        }
        if (openFiles.contains(realPath)) {
            throw line.error(".include cycle: " + openFiles.stream().map(Path::toString)
                    .collect(Collectors.joining(" -> ")) + " -> " + realPath);
        }
        readFile(included, included.toString());
    }

    private static String decodeUtf8(byte[] bytes, String displayName) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new ConfException(displayName + ": invalid UTF-8 at byte " + in.position());
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** One line of a file, for messages. */
    private record Line(String file, int number, String raw) {
        ConfException error(String problem) {
            return new ConfException(file + ":" + number + ": " + problem + ": " + ConfSyntax.quote(raw));
        }
    }
}
