package io.proxyfs.ickpt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * The committed checkpoints, one per volume, in RocksDB: key = the volume's checkpoint URL
 * without its scheme, value = the checkpoint text. Every write is synced (WAL fsync) before it
 * returns, so an acknowledged commit survives kill -9 and power loss. The directory is created if
 * missing. {@link RocksDBException}s become {@link IOException}s naming the operation.
 * Thread-safe (RocksDB is); callers serialize read-check-write sequences themselves.
 */
final class CheckPointStore implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final Path path;
    private final Options options;
    private final WriteOptions syncWrites;
    private final RocksDB db;

    private CheckPointStore(Path path, Options options, WriteOptions syncWrites, RocksDB db) {
        this.path = path;
        this.options = options;
        this.syncWrites = syncWrites;
        this.db = db;
    }

    /** Opens (creating if missing) the database in {@code path}. */
    static CheckPointStore open(Path path) throws IOException {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new IOException("cannot create DataBasePath " + path + ": " + e.getMessage(), e);
        }
        Options options = new Options().setCreateIfMissing(true).setKeepLogFileNum(2);
        WriteOptions sync = new WriteOptions().setSync(true);
        try {
            return new CheckPointStore(path, options, sync, RocksDB.open(options, path.toString()));
        } catch (RocksDBException e) {
            sync.close();
            options.close();
            throw new IOException("cannot open RocksDB in " + path + ": " + e.getMessage()
                    + " (is another ickpt using it?)", e);
        }
    }

    /** The committed checkpoint of {@code key}, if any. */
    Optional<byte[]> get(String key) throws IOException {
        try {
            return Optional.ofNullable(db.get(bytes(key)));
        } catch (RocksDBException e) {
            throw new IOException("RocksDB get of " + key + " in " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** Stores {@code value} for {@code key}; synced before it returns. */
    void put(String key, byte[] value) throws IOException {
        try {
            db.put(syncWrites, bytes(key), value);
        } catch (RocksDBException e) {
            throw new IOException("RocksDB put of " + key + " in " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** Removes {@code key}'s checkpoint; synced before it returns. */
    void delete(String key) throws IOException {
        try {
            db.delete(syncWrites, bytes(key));
        } catch (RocksDBException e) {
            throw new IOException("RocksDB delete of " + key + " in " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** How many volumes have a committed checkpoint (a full scan: one key per volume; for /stats). */
    long volumes() throws IOException {
        long n = 0;
        try (RocksIterator it = db.newIterator()) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                n++;
            }
            it.status();
        } catch (RocksDBException e) {
            throw new IOException("RocksDB scan of " + path + " failed: " + e.getMessage(), e);
        }
        return n;
    }

    /** Up to {@code limit} (key, committed checkpoint) pairs in key order (for the status page). */
    java.util.List<java.util.Map.Entry<String, byte[]>> first(int limit) throws IOException {
        java.util.List<java.util.Map.Entry<String, byte[]>> out = new java.util.ArrayList<>();
        try (RocksIterator it = db.newIterator()) {
            for (it.seekToFirst(); it.isValid() && out.size() < limit; it.next()) {
                out.add(java.util.Map.entry(new String(it.key(), StandardCharsets.UTF_8), it.value()));
            }
            it.status();
        } catch (RocksDBException e) {
            throw new IOException("RocksDB scan of " + path + " failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** The directory. */
    Path path() {
        return path;
    }

    @Override
    public void close() {
        db.close();
        syncWrites.close();
        options.close();
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
