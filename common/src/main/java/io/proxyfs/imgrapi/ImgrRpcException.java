package io.proxyfs.imgrapi;

import java.util.Optional;

/**
 * An imgr RPC failed with an error string; {@link #error()} says which of imgr's errors it is
 * when the string carries one of the known prefixes. Thrown by imgr's handlers (and sent as the
 * reply's error string) and raised again on the client side. Immutable.
 */
public final class ImgrRpcException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Optional<ImgrError> error;

    /** An error with one of imgr's prefixes; the message is the wire string. */
    public ImgrRpcException(ImgrError error, String detail) {
        super(error.format(detail));
        this.error = Optional.of(error);
    }

    /** Rebuilds the exception from an error string received over the wire. */
    public static ImgrRpcException fromWire(String errorString) {
        return new ImgrRpcException(errorString);
    }

    private ImgrRpcException(String errorString) {
        super(errorString);
        this.error = ImgrError.of(errorString);
    }

    /** Which of imgr's errors this is, if the string carries a known prefix. */
    public Optional<ImgrError> error() {
        return error;
    }

    /** Whether this is the given error. */
    public boolean is(ImgrError e) {
        return error.isPresent() && error.get() == e;
    }
}
