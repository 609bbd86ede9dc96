package io.proxyfs.daemon;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a daemon logs: the {@code LogFilePath} (absent when empty), {@code LogToConsole} (to
 * standard error), {@code TraceEnabled} and {@code RetryRPCLogEnabled} keys of its config section.
 * Immutable.
 *
 * @param logFile the file to append to, if any
 * @param toConsole whether to log to standard error
 * @param traceEnabled whether TRACE lines are written
 * @param retryRpcLogEnabled whether retryrpc's DEBUG lines (connections, retransmissions, upcalls)
 *        are written even without {@code TraceEnabled}
 */
public record LogSettings(Optional<Path> logFile, boolean toConsole, boolean traceEnabled, boolean retryRpcLogEnabled) {

    /** Settings without retryrpc logging. */
    public LogSettings(Optional<Path> logFile, boolean toConsole, boolean traceEnabled) {
        this(logFile, toConsole, traceEnabled, false);
    }

    /** Logging to standard error only, without trace: what a daemon does before its config is read. */
    public static LogSettings consoleOnly() {
        return new LogSettings(Optional.empty(), true, false);
    }
}
