package io.proxyfs.ickptclient;

/**
 * A majority of ickpt instances refused a checkpoint (409) because they hold a newer one: the
 * writer is stale (another imgr moved the volume on) and must not retry with the same value.
 */
public final class IckptStaleException extends IckptException {
    private static final long serialVersionUID = 1L;

    public IckptStaleException(String message) {
        super(message);
    }
}
