package io.proxyfs.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback for a daemon from its {@link LogSettings}: lines look like the original's
 * ({@code [time][LEVEL] message}), go to the log file (appended, created if missing) and/or
 * standard error, and {@link #reopen()} closes and reopens the file so that a rotated log is
 * picked up on SIGHUP. Thread-safe: all methods synchronize on the class.
 */
public final class DaemonLogging {
    static final String PATTERN = "[%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}][%level] %logger{0}: %msg%n%ex";
    private static final String FILE_APPENDER = "FILE";

    private DaemonLogging() {
    }

    /** Replaces the whole Logback configuration with one built from {@code settings}. */
    public static synchronized void configure(LogSettings settings) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(settings.traceEnabled() ? Level.TRACE : Level.INFO);
        // Third-party libraries stay at INFO even when our trace is on.
        context.getLogger("org.eclipse.jetty").setLevel(Level.INFO);
        context.getLogger("okhttp3").setLevel(Level.INFO);
        context.getLogger("io.proxyfs.retryrpc").setLevel(settings.traceEnabled() ? Level.TRACE
                : settings.retryRpcLogEnabled() ? Level.DEBUG : null);
        if (settings.toConsole()) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setContext(context);
            console.setName("CONSOLE");
            console.setTarget("System.err");
            console.setEncoder(encoder(context));
            console.start();
            root.addAppender(console);
        }
        settings.logFile().ifPresent(path -> {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setContext(context);
            file.setName(FILE_APPENDER);
            file.setFile(path.toString());
            file.setAppend(true);
            file.setEncoder(encoder(context));
            file.start();
            root.addAppender(file);
        });
    }

    /** Closes and reopens the log file, if there is one (SIGHUP, for log rotation). */
    public static synchronized void reopen() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(FILE_APPENDER) instanceof FileAppender<ILoggingEvent> file) {
            file.stop();
            file.start();
        }
    }

    private static PatternLayoutEncoder encoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        return encoder;
    }
}
