package io.proxyfs.daemon;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a daemon logs: the {@code LogFilePath} (absent when empty), {@code LogToConsole} (to
 * standard error) and {@code TraceEnabled} keys of its config section. Immutable.
 *
 * @param logFile the file to append to, if any
 * @param toConsole whether to log to standard error
 * @param traceEnabled whether TRACE lines are written
 */
public record LogSettings(Optional<Path> logFile, boolean toConsole, boolean traceEnabled) {

    /** Logging to standard error only, without trace: what a daemon does before its config is read. */
    public static LogSettings consoleOnly() {
        return new LogSettings(Optional.empty(), true, false);
    }
}
