package io.proxyfs.swift;

import java.io.Closeable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Response;

/**
 * A response whose body is still unread, together with the concurrency permit its request
 * holds. Closing it closes the response and returns the permit, once. Thread-safe close.
 */
final class OpenResponse implements Closeable {
    private final Response response;
    private final Semaphore permits;
    private final AtomicBoolean closed = new AtomicBoolean();

    OpenResponse(Response response, Semaphore permits) {
        this.response = response;
        this.permits = permits;
    }

    Response response() {
        return response;
    }

    int code() {
        return response.code();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                response.close();
            } finally {
                permits.release();
            }
        }
    }
}
