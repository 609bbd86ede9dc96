package io.proxyfs.sortedmap;

/**
 * A B+tree operation failed: a storage callback failed, an argument was refused, or a node read
 * back from storage is not a valid node (see {@link CorruptNodeException}).
 *
 * <p>Unchecked, like the original's {@code error} results that callers could not recover from
 * locally. Thread-safety: immutable.
 */
public class BPlusTreeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error described by {@code message}. */
    public BPlusTreeException(String message) {
        super(message);
    }

    /** An error described by {@code message}, caused by {@code cause}. */
    public BPlusTreeException(String message, Throwable cause) {
        super(message, cause);
    }
}
