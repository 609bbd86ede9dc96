package io.proxyfs.daemon;

import io.proxyfs.conf.ConfException;
import io.proxyfs.conf.ConfMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@link LogSettings} from a daemon's section: {@code LogFilePath} (optional; empty means no
 * file), {@code LogToConsole} and {@code TraceEnabled} (required booleans, as in the original).
 * Stateless.
 */
public final class LogSettingsReader {
    private LogSettingsReader() {
    }

    /** The logging keys of {@code section}; a missing or malformed required key is refused. */
    public static LogSettings read(ConfMap conf, String section) throws ConfException {
        Optional<Path> logFile = Optional.empty();
        if (!conf.isMissing(section, "LogFilePath")) {
            List<String> values = conf.getStringList(section, "LogFilePath");
            if (!values.isEmpty() && !values.get(0).isEmpty()) {
                logFile = Optional.of(Path.of(values.get(0)));
            }
        }
        return new LogSettings(logFile, conf.getBool(section, "LogToConsole"),
                conf.getBool(section, "TraceEnabled"), conf.getBool(section, "RetryRPCLogEnabled", false));
    }
}
