package io.proxyfs.daemon;

/**
 * The command line of a daemon is wrong (no config file, a file that does not exist). The
 * message says what is wrong; the caller prints it with the usage line. Immutable.
 */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
