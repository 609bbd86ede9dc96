package io.proxyfs.iswift;

import io.proxyfs.swift.BoundedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@link Blob} kept in a file that is replaced only by atomic rename, never rewritten in place.
 * A reader that opened the old file keeps reading the old bytes. Thread-safe.
 */
final class FileBlob implements Blob {
    private final Path file;
    private final long length;

    FileBlob(Path file, long length) {
        this.file = file;
        this.length = length;
    }

    Path file() {
        return file;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public InputStream open(long offset, long count) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            channel.position(offset);
            InputStream whole = Channels.newInputStream(channel);
            return new BoundedInputStream(whole, count);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }
}
