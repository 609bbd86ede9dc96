package io.proxyfs.iswift;

import java.time.Instant;

/**
 * One object's metadata and bytes as the emulator stores them. Immutable; an overwrite replaces
 * the whole record.
 *
 * @param name         object name, unencoded
 * @param etag         lowercase hex MD5 of the bytes
 * @param contentType  the Content-Type given at PUT (or {@code application/octet-stream})
 * @param lastModified when the PUT completed
 * @param blob         the bytes
 */
record StoredObject(String name, String etag, String contentType, Instant lastModified, Blob blob) {
    long length() {
        return blob.length();
    }
}
