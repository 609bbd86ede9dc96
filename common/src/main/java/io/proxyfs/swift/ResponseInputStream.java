package io.proxyfs.swift;

import java.io.FilterInputStream;
import java.io.IOException;

/**
 * The streamed body of a GET; closing it closes the response and frees its connection and
 * concurrency permit. Not thread-safe, like any InputStream.
 */
final class ResponseInputStream extends FilterInputStream {
    private final OpenResponse open;

    ResponseInputStream(OpenResponse open) {
        super(open.response().body().byteStream());
        this.open = open;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            open.close();
        }
    }
}
