package io.proxyfs.conf;

/**
 * A {@code .conf} file, a command-line override or an option value could not be used.
 *
 * <p>The message always says where: the file (and line) for a parse error, or the file, section,
 * option and offending text for a bad or missing option, e.g.
 * {@code imgr/dev.conf: [IMGR]RetryRPCPort: "32x56" is not a valid uint16}.
 *
 * <p>Unchecked, because a bad configuration is fatal at start-up and callers read many options in a
 * row. Immutable, hence thread-safe.
 */
public final class ConfException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfException(String message) {
        super(message);
    }

    ConfException(String message, Throwable cause) {
        super(message, cause);
    }
}
