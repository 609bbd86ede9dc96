package io.proxyfs.daemon;

/**
 * Says plainly that a program of the project is not built yet in this version of the port, so
 * that a user who runs it gets a clear refusal instead of a half-working daemon. Immutable.
 */
public final class NotBuiltException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param program the program that is not built yet
     * @param issue the project issue that builds it
     */
    public NotBuiltException(String program, int issue) {
        super(program + " is not built yet in this version of ProxyFS for Java (the config was read and is valid"
                + " as far as logging goes; the service itself arrives with issue " + issue + ")");
    }
}
