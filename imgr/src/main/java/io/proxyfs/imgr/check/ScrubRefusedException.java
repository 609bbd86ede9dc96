package io.proxyfs.imgr.check;

/**
 * Thrown when {@code --scrub} must not delete anything: the check found corruption or could not
 * finish (so the set of referenced objects may be incomplete), or the checkpoint changed since the
 * check (something is writing the volume). The message says which. Immutable.
 */
public final class ScrubRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    ScrubRefusedException(String message) {
        super(message);
    }
}
