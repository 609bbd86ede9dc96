package io.proxyfs.iswift;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The emulator's accounts, containers and objects, with Swift's semantics: containers must
 * exist before objects are put in them, a non-empty container cannot be deleted, a PUT replaces
 * an object whole and becomes visible only once its body has been received completely.
 *
 * <p>Thread-safe. Each container's membership changes under that container's monitor, held
 * for the map update and the rename or unlink that goes with it, never while a body streams.
 */
final class ObjectStore {
    /** What a container operation found. */
    enum Outcome { CREATED, EXISTED, DELETED, NOT_FOUND, NOT_EMPTY }

    /** Counts reported by HEAD on a container or in an account listing. */
    record ContainerStats(String name, long objectCount, long bytesUsed) {
    }

    private static final class Container {
        final String name;
        final NavigableMap<String, StoredObject> objects = new ConcurrentSkipListMap<>();
        long bytesUsed; // guarded by this
        boolean deleted; // guarded by this

        Container(String name) {
            this.name = name;
        }

        synchronized ContainerStats stats() {
            return new ContainerStats(name, objects.size(), bytesUsed);
        }
    }

    private final BlobStore blobs;
    private final Map<String, NavigableMap<String, Container>> accounts = new ConcurrentHashMap<>();

    ObjectStore(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** Loads whatever the blob store already holds, then makes sure each named account exists. */
    void open(Iterable<String> accountNames) throws IOException {
        blobs.load(new BlobStore.LoadSink() {
            @Override
            public void container(String account, String container) {
                containersOf(account).putIfAbsent(container, new Container(container));
            }

            @Override
            public void object(String account, String containerName, String object, Blob blob, Instant mtime)
                    throws IOException {
                Container c = containersOf(account).get(containerName);
                String etag;
                try (InputStream in = blob.open(0, blob.length())) {
                    etag = digest(in);
                }
                synchronized (c) {
                    c.objects.put(object, new StoredObject(object, etag, "application/octet-stream", mtime, blob));
                    c.bytesUsed += blob.length();
                }
            }
        });
        for (String account : accountNames) {
            containersOf(account);
        }
    }

    private NavigableMap<String, Container> containersOf(String account) {
        return accounts.computeIfAbsent(account, a -> new ConcurrentSkipListMap<>());
    }

    boolean accountExists(String account) {
        return accounts.containsKey(account);
    }

    /** Up to {@code limit} containers after {@code marker} whose names start with {@code prefix}. */
    List<ContainerStats> listContainers(String account, String marker, String prefix, int limit) {
        NavigableMap<String, Container> all = accounts.getOrDefault(account, new ConcurrentSkipListMap<>());
        List<ContainerStats> out = new ArrayList<>();
        for (Container c : all.tailMap(marker, false).values()) {
            if (out.size() >= limit) {
                break;
            }
            if (c.name.startsWith(prefix)) {
                out.add(c.stats());
            }
        }
        return out;
    }

    Outcome createContainer(String account, String name) throws IOException {
        NavigableMap<String, Container> containers = containersOf(account);
        if (containers.containsKey(name)) {
            return Outcome.EXISTED;
        }
        blobs.createContainer(account, name);
        return containers.putIfAbsent(name, new Container(name)) == null ? Outcome.CREATED : Outcome.EXISTED;
    }

    Optional<ContainerStats> headContainer(String account, String name) {
        return container(account, name).map(Container::stats);
    }

    Outcome deleteContainer(String account, String name) throws IOException {
        Optional<Container> found = container(account, name);
        if (found.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        Container c = found.get();
        synchronized (c) {
            if (!c.objects.isEmpty()) {
                return Outcome.NOT_EMPTY;
            }
            c.deleted = true;
            containersOf(account).remove(name, c);
        }
        blobs.deleteContainer(account, name);
        return Outcome.DELETED;
    }

    /**
     * Up to {@code limit} objects after {@code marker} whose names start with {@code prefix}, or
     * empty when the container does not exist.
     */
    Optional<List<StoredObject>> listObjects(String account, String container, String marker, String prefix,
            int limit) {
        return container(account, container).map(c -> {
            List<StoredObject> out = new ArrayList<>();
            String from = marker.compareTo(prefix) >= 0 ? marker : prefix;
            boolean inclusive = from.equals(prefix) && !from.equals(marker);
            for (StoredObject o : c.objects.tailMap(from, inclusive).values()) {
                if (out.size() >= limit || !o.name().startsWith(prefix)) {
                    break;
                }
                out.add(o);
            }
            return out;
        });
    }

    /**
     * Stores an object read from {@code body} to its end; empty when the container does not
     * exist (before or after the body arrived).
     *
     * @param expectedEtag the client's ETag header, or null; a mismatch throws
     *                     {@link EtagMismatchException} and stores nothing
     * @param sizeHint     the Content-Length, or -1 for a chunked body
     */
    Optional<StoredObject> putObject(String account, String container, String object, String contentType,
            String expectedEtag, long sizeHint, InputStream body) throws IOException {
        if (container(account, container).isEmpty()) {
            return Optional.empty();
        }
        MessageDigest md5 = md5();
        BlobStore.PendingBlob pending = blobs.write(account, container, object, new DigestInputStream(body, md5),
                sizeHint);
        String etag = HexFormat.of().formatHex(md5.digest());
        if (expectedEtag != null && !expectedEtag.replace("\"", "").equalsIgnoreCase(etag)) {
            pending.abort();
            throw new EtagMismatchException(etag);
        }
        Optional<Container> found = container(account, container);
        if (found.isEmpty()) {
            pending.abort();
            return Optional.empty();
        }
        Container c = found.get();
        synchronized (c) {
            if (c.deleted) {
                pending.abort();
                return Optional.empty();
            }
            StoredObject stored = new StoredObject(object, etag, contentType, Instant.now(), pending.commit());
            StoredObject old = c.objects.put(object, stored);
            c.bytesUsed += stored.length() - (old == null ? 0 : old.length());
            return Optional.of(stored);
        }
    }

    /** The object, or empty when it or its container does not exist. */
    Optional<StoredObject> getObject(String account, String container, String object) {
        return container(account, container).map(c -> c.objects.get(object));
    }

    /** Removes an object; false when it or its container did not exist. */
    boolean deleteObject(String account, String container, String object) throws IOException {
        Optional<Container> found = container(account, container);
        if (found.isEmpty()) {
            return false;
        }
        Container c = found.get();
        synchronized (c) {
            StoredObject old = c.objects.remove(object);
            if (old == null) {
                return false;
            }
            c.bytesUsed -= old.length();
            blobs.delete(account, container, object);
            return true;
        }
    }

    private Optional<Container> container(String account, String name) {
        NavigableMap<String, Container> containers = accounts.get(account);
        return containers == null ? Optional.empty() : Optional.ofNullable(containers.get(name));
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE provides MD5", e);
        }
    }

    private static String digest(InputStream in) throws IOException {
        MessageDigest md5 = md5();
        byte[] buf = new byte[64 * 1024];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            md5.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    /** Thrown when a PUT's ETag header does not match the MD5 of the body received. */
    static final class EtagMismatchException extends IOException {
        EtagMismatchException(String actual) {
            super("ETag mismatch: body MD5 is " + actual);
        }
    }
}
