package io.proxyfs.iclient;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One writer of {@link LoadIT}: a realistic mix of file-system operations on one mount, in a
 * tree it owns ({@code w<id>/...}) and in the directory every writer shares ({@code shared/},
 * where its names start with {@code w<id>-}), so the two clients contend for that directory's
 * leases. It keeps a model of every file and directory it made (a file's content counts once
 * its close returned) and checks what it reads and lists against it. Each operation is timed.
 *
 * <p>Not thread-safe: one thread runs {@link #call()}; the model and counts are read after it
 * returned.
 */
final class LoadWriter implements Callable<Void> {
    /** What kind of work a writer mostly does; two writers (one per mount) of each. */
    enum Profile {
        /** Many small files: metadata-heavy. */
        SMALL_FILES(0, 16 * 1024, 60, 10,
                new int[] {25, 8, 8, 3, 8, 6, 3, 12, 4, 4, 12, 3, 4}),
        /** Fewer large files written in 1 MiB pieces, appended, overwritten and read back. */
        LARGE_FILES(256 * 1024, 3 * 1024 * 1024, 16, 10,
                new int[] {12, 15, 15, 5, 5, 5, 2, 8, 2, 2, 24, 5, 1}),
        /** A bit of everything, with many renames and directories. */
        MIXED(0, 512 * 1024, 40, 10,
                new int[] {18, 10, 10, 4, 10, 10, 4, 10, 6, 6, 8, 2, 2}),
        /** Mostly in the shared directory, which both clients change all the time. */
        SHARED_DIR(0, 64 * 1024, 40, 70,
                new int[] {25, 8, 8, 2, 8, 10, 3, 12, 4, 4, 10, 2, 4});

        final int minSize;
        final int maxSize;
        final int maxFiles;
        final int sharedPercent;
        final int[] weights;

        Profile(int minSize, int maxSize, int maxFiles, int sharedPercent, int[] weights) {
            this.minSize = minSize;
            this.maxSize = maxSize;
            this.maxFiles = maxFiles;
            this.sharedPercent = sharedPercent;
            this.weights = weights;
        }
    }

    /** The operations, in the order of {@link Profile#weights}. */
    enum Op {
        CREATE, APPEND, OVERWRITE, TRUNCATE, RENAME_IN_DIR, RENAME_ACROSS_DIRS, RENAME_REPLACING, UNLINK, MKDIR, RMDIR,
        READ_VERIFY, FSYNC, LIST_VERIFY
    }

    /** Counts of one operation: how many, bytes moved, time spent, the slowest. */
    static final class OpStats {
        long count;
        long bytes;
        long nanos;
        long maxNanos;

        void add(long bytesMoved, long took) {
            count++;
            bytes += bytesMoved;
            nanos += took;
            maxNanos = Math.max(maxNanos, took);
        }

        void addAll(OpStats o) {
            count += o.count;
            bytes += o.bytes;
            nanos += o.nanos;
            maxNanos = Math.max(maxNanos, o.maxNanos);
        }
    }

    static final String SHARED = "shared";
    private static final int MAX_OWN_DIRS = 12;
    private static final int CHUNK = 1024 * 1024;

    final int id;
    final Profile profile;
    final Path mount;
    private final Random random;
    private final long deadlineNanos;
    private final AtomicBoolean stop;
    private final String root;
    private final String prefix;
    /** Relative path (from the mount) to content, for every file this writer made and still has. */
    private final Map<String, byte[]> files = new TreeMap<>();
    /** Relative paths of the directories this writer made and still has (its root included). */
    private final Set<String> dirs = new TreeSet<>();
    private final Map<Op, OpStats> stats = new EnumMap<>(Op.class);
    private int nextName;
    private String current = "";

    LoadWriter(int id, Profile profile, Path mount, long seed, long deadlineNanos, AtomicBoolean stop) {
        this.id = id;
        this.profile = profile;
        this.mount = mount;
        this.random = new Random(seed);
        this.deadlineNanos = deadlineNanos;
        this.stop = stop;
        this.root = "w" + id;
        this.prefix = "w" + id + "-";
        for (Op op : Op.values()) {
            stats.put(op, new OpStats());
        }
    }

    /** Runs until the deadline or until another writer failed; throws on the first failure. */
    @Override
    public Void call() throws Exception {
        Files.createDirectories(mount.resolve(root));
        dirs.add(root);
        try {
            while (System.nanoTime() < deadlineNanos && !stop.get()) {
                Op op = feasible(choose());
                long start = System.nanoTime();
                long bytes = run(op);
                if (bytes >= 0) {
                    stats.get(op).add(bytes, System.nanoTime() - start);
                }
            }
        } catch (Exception | AssertionError e) {
            stop.set(true);
            throw new AssertionError("writer " + id + " (" + profile + " on " + mount.getFileName() + ") failed in "
                    + current + ": " + e, e);
        }
        return null;
    }

    private Op choose() {
        int total = Arrays.stream(profile.weights).sum();
        int pick = random.nextInt(total);
        Op[] ops = Op.values();
        for (int i = 0; i < ops.length; i++) {
            pick -= profile.weights[i];
            if (pick < 0) {
                return ops[i];
            }
        }
        return Op.CREATE;
    }

    /** The operation to run instead of {@code op} when the model has too many or no files or directories. */
    private Op feasible(Op op) {
        if (op == Op.CREATE && files.size() >= profile.maxFiles) {
            return Op.UNLINK;
        }
        if (op == Op.MKDIR && dirs.size() >= MAX_OWN_DIRS) {
            return Op.RMDIR;
        }
        if (op != Op.CREATE && op != Op.MKDIR && op != Op.RMDIR && op != Op.LIST_VERIFY && files.isEmpty()) {
            return Op.CREATE;
        }
        return op;
    }

    /** Runs one operation; returns the bytes it moved, or -1 when it found nothing to do. */
    private long run(Op op) throws IOException {
        return switch (op) {
            case CREATE -> create();
            case APPEND -> append();
            case OVERWRITE -> overwrite();
            case TRUNCATE -> truncate();
            case RENAME_IN_DIR -> rename(false, false);
            case RENAME_ACROSS_DIRS -> rename(true, false);
            case RENAME_REPLACING -> rename(false, true);
            case UNLINK -> unlink();
            case MKDIR -> mkdir();
            case RMDIR -> rmdir();
            case READ_VERIFY -> readVerify();
            case FSYNC -> fsync();
            case LIST_VERIFY -> listVerify();
        };
    }

    // ------------------------------------------------------------------ operations

    private long create() throws IOException {
        String name = pickDir() + "/" + newName("f");
        byte[] data = bytes(profile.minSize + random.nextInt(profile.maxSize - profile.minSize + 1));
        current = "create " + name + " (" + data.length + " bytes)";
        try (FileChannel ch = FileChannel.open(mount.resolve(name), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            writeAll(ch, data, 0);
            if (random.nextInt(100) < 30) {
                ch.force(true);
            }
        }
        files.put(name, data);
        return data.length;
    }

    private long append() throws IOException {
        String name = pickFile();
        byte[] more = bytes(1 + random.nextInt(Math.max(1, profile.maxSize / 4)));
        current = "append " + more.length + " bytes to " + name;
        try (FileChannel ch = FileChannel.open(mount.resolve(name), StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            writeAll(ch, more, -1);
        }
        byte[] before = files.get(name);
        byte[] after = Arrays.copyOf(before, before.length + more.length);
        System.arraycopy(more, 0, after, before.length, more.length);
        files.put(name, after);
        return more.length;
    }

    private long overwrite() throws IOException {
        String name = pickFile();
        byte[] before = files.get(name);
        int offset = random.nextInt(before.length + 1);
        byte[] data = bytes(1 + random.nextInt(Math.max(1, profile.maxSize / 2)));
        current = "overwrite " + data.length + " bytes at " + offset + " of " + name;
        try (FileChannel ch = FileChannel.open(mount.resolve(name), StandardOpenOption.WRITE)) {
            writeAll(ch, data, offset);
        }
        byte[] after = Arrays.copyOf(before, Math.max(before.length, offset + data.length));
        System.arraycopy(data, 0, after, offset, data.length);
        files.put(name, after);
        return data.length;
    }

    private long truncate() throws IOException {
        String name = pickFile();
        byte[] before = files.get(name);
        int size = random.nextBoolean() ? random.nextInt(before.length + 1)
                : before.length + random.nextInt(Math.max(1, profile.maxSize / 8));
        current = "truncate " + name + " from " + before.length + " to " + size;
        try (RandomAccessFile f = new RandomAccessFile(mount.resolve(name).toFile(), "rw")) {
            f.setLength(size);
        }
        files.put(name, Arrays.copyOf(before, size));
        return 0;
    }

    private long rename(boolean acrossDirs, boolean replacing) throws IOException {
        String from = pickFile();
        String to;
        if (replacing) {
            if (files.size() < 2) {
                return -1;
            }
            do {
                to = pickFile();
            } while (to.equals(from));
        } else {
            String dir = acrossDirs ? pickDir() : parentOf(from);
            to = dir + "/" + newName("f");
        }
        current = "rename " + from + " -> " + to;
        if (replacing) {
            Files.move(mount.resolve(from), mount.resolve(to), StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.move(mount.resolve(from), mount.resolve(to));
        }
        files.put(to, files.remove(from));
        return 0;
    }

    private long unlink() throws IOException {
        String name = pickFile();
        current = "unlink " + name;
        Files.delete(mount.resolve(name));
        files.remove(name);
        return 0;
    }

    private long mkdir() throws IOException {
        String parent = random.nextInt(100) < profile.sharedPercent ? SHARED : pickOwnDir();
        if (depth(parent) >= 4) {
            parent = root;
        }
        String name = parent + "/" + newName("d");
        current = "mkdir " + name;
        Files.createDirectory(mount.resolve(name));
        dirs.add(name);
        return 0;
    }

    private long rmdir() throws IOException {
        List<String> empty = new ArrayList<>();
        for (String d : dirs) {
            if (!d.equals(root) && children(d).isEmpty()) {
                empty.add(d);
            }
        }
        if (empty.isEmpty()) {
            return -1;
        }
        String name = empty.get(random.nextInt(empty.size()));
        current = "rmdir " + name;
        Files.delete(mount.resolve(name));
        dirs.remove(name);
        return 0;
    }

    private long readVerify() throws IOException {
        String name = pickFile();
        current = "read " + name;
        byte[] actual = Files.readAllBytes(mount.resolve(name));
        byte[] expected = files.get(name);
        if (!Arrays.equals(expected, actual)) {
            throw new AssertionError("read back " + actual.length + " bytes, expected " + expected.length
                    + ", first difference at " + Arrays.mismatch(expected, actual));
        }
        return actual.length;
    }

    private long fsync() throws IOException {
        String name = pickFile();
        current = "fsync " + name;
        try (FileChannel ch = FileChannel.open(mount.resolve(name), StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        return 0;
    }

    private long listVerify() throws IOException {
        String dir = random.nextInt(100) < profile.sharedPercent ? SHARED : pickOwnDir();
        current = "list " + dir;
        Set<String> seen = new TreeSet<>();
        try (var s = Files.list(mount.resolve(dir))) {
            s.map(p -> p.getFileName().toString()).filter(n -> !dir.equals(SHARED) || n.startsWith(prefix))
                    .forEach(seen::add);
        }
        Set<String> expected = children(dir);
        if (!seen.equals(expected)) {
            throw new AssertionError("listed " + seen + ", expected " + expected);
        }
        return 0;
    }

    // ------------------------------------------------------------------ helpers

    private void writeAll(FileChannel ch, byte[] data, long offset) throws IOException {
        for (int at = 0; at < data.length; at += CHUNK) {
            ByteBuffer b = ByteBuffer.wrap(data, at, Math.min(CHUNK, data.length - at));
            while (b.hasRemaining()) {
                if (offset < 0) {
                    ch.write(b);
                } else {
                    ch.write(b, offset + b.position());
                }
            }
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private String newName(String kind) {
        return prefix + kind + nextName++;
    }

    private String pickFile() {
        List<String> names = new ArrayList<>(files.keySet());
        return names.get(random.nextInt(names.size()));
    }

    /** A directory for a new file: the shared one (per the profile) or one of this writer's own. */
    private String pickDir() {
        if (random.nextInt(100) < profile.sharedPercent) {
            List<String> shared = new ArrayList<>(List.of(SHARED));
            for (String d : dirs) {
                if (d.startsWith(SHARED + "/")) {
                    shared.add(d);
                }
            }
            return shared.get(random.nextInt(shared.size()));
        }
        return pickOwnDir();
    }

    private String pickOwnDir() {
        List<String> own = new ArrayList<>(dirs);
        return own.get(random.nextInt(own.size()));
    }

    private static String parentOf(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    private static int depth(String path) {
        return path.split("/").length;
    }

    /** The names this writer has in {@code dir} (files and directories), per its model. */
    Set<String> children(String dir) {
        Set<String> names = new TreeSet<>();
        for (String f : files.keySet()) {
            if (parentOf(f).equals(dir)) {
                names.add(f.substring(dir.length() + 1));
            }
        }
        for (String d : dirs) {
            if (d.contains("/") && parentOf(d).equals(dir)) {
                names.add(d.substring(dir.length() + 1));
            }
        }
        return names;
    }

    /** Every file this writer has, by relative path, with its content. */
    Map<String, byte[]> files() {
        return files;
    }

    /** Every directory this writer has (its root included). */
    Set<String> dirs() {
        return dirs;
    }

    /** What it did, by operation. */
    Map<Op, OpStats> stats() {
        return stats;
    }
}
