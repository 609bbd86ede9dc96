package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The crash campaigns' random-operation workload (writes at random offsets, appends, truncations,
 * fsyncs, renames over existing files, unlinks, xattrs, reads, idle pauses, new directories on
 * {@code d0..d2/f0..f9} of a mount) and its model of what the file system must hold: the contents
 * as the application wrote them ({@code current}), the contents at the last durable point (a close
 * or fsync that returned makes every change before it durable), and the names changed since.
 *
 * <p>An operation that fails (EIO while a daemon is down, or the mount gone) leaves its names
 * <em>uncertain</em>: either state may be there, so they are left out of every check until they
 * are read back. A read that succeeds on a certain name must return exactly {@code current}: a
 * difference is recorded as wrong data. The checks ({@link #verifyDurable}, {@link #verifyCurrent})
 * fail the test with every difference found.
 *
 * <p>Thread-safety: {@link #run} runs on one workload thread at a time; the checks must be called
 * only after that thread ended (joined); the durable-point bookkeeping is synchronized.
 */
final class CampaignWorkload {
    private static final int FILES = 10;
    private static final int DIRS = 3;

    private final Map<String, byte[]> current = new HashMap<>();
    private Map<String, byte[]> durable = new HashMap<>();
    private final Set<String> touched = new HashSet<>();
    private final Set<String> uncertain = new HashSet<>();
    private final List<String> wrongReads = new ArrayList<>();
    private long operations;
    private long failures;
    private String lastFailure = "";
    private final AtomicReference<Throwable> died = new AtomicReference<>();

    /** Operations that returned success, over every {@link #run}. */
    synchronized long operations() {
        return operations;
    }

    /** Operations that failed (EIO, ENOTCONN...), over every {@link #run}. */
    synchronized long failures() {
        return failures;
    }

    /** The last failure seen, for messages. */
    synchronized String lastFailure() {
        return lastFailure;
    }

    /**
     * Starts {@link #run} on a new thread named {@code campaign-workload}; whatever ends that
     * thread other than {@code stop} is kept for {@link #assertEnded}.
     */
    Thread start(Path mnt, Random r, AtomicBoolean stop, boolean stopOnFailure) {
        Thread worker = new Thread(() -> run(mnt, r, stop, stopOnFailure), "campaign-workload");
        worker.setUncaughtExceptionHandler((t, e) -> died.set(e));
        worker.start();
        return worker;
    }

    /** Fails unless {@code worker} (from {@link #start}) ended, and ended without dying of a throwable. */
    void assertEnded(Thread worker, String when) {
        assertTrue(!worker.isAlive(), when + ": the workload is stuck (" + lastFailure() + ")");
        Throwable e = died.getAndSet(null);
        if (e != null) {
            fail(when + ": the workload thread died", e);
        }
    }

    /**
     * Random operations on {@code mnt} until {@code stop} is set. A failed operation makes its names
     * uncertain; with {@code stopOnFailure} (the mount is expected to vanish) the first failure
     * ends the run, otherwise it goes on after a short pause.
     */
    void run(Path mnt, Random r, AtomicBoolean stop, boolean stopOnFailure) {
        while (!stop.get()) {
            String name = pick(r);
            String to = null;
            Path p = mnt.resolve(name);
            int op = r.nextInt(100);
            synchronized (this) {
                touched.add(name);                       // until the op's durable point returns
            }
            try {
                if (uncertain.contains(name)) {
                    readBack(p, name);
                } else {
                    Files.createDirectories(p.getParent());
                    if (op < 38) {
                        write(p, name, r.nextInt(700_000), 1 + r.nextInt(200_000), r);
                    } else if (op < 48) {
                        write(p, name, current.containsKey(name) ? current.get(name).length : 0, 1 + r.nextInt(50_000), r);
                    } else if (op < 57) {
                        truncate(p, name, r.nextInt(400_000));
                    } else if (op < 66) {
                        fsync(p);
                    } else if (op < 75) {
                        to = pick(r);
                        rename(mnt, name, to);
                    } else if (op < 82) {
                        if (current.containsKey(name)) {
                            Files.delete(p);
                            current.remove(name);
                        }
                    } else if (op < 90) {
                        checkRead(p, name);
                    } else if (op < 92) {
                        pause(r.nextInt(3000));          // idle: the age trigger writes back without a close
                    } else if (current.containsKey(name)) {
                        Files.getFileAttributeView(p, UserDefinedFileAttributeView.class)
                                .write("user.campaign", ByteBuffer.wrap(("x" + r.nextInt()).getBytes(StandardCharsets.UTF_8)));
                    }
                }
                synchronized (this) {
                    operations++;
                }
            } catch (Exception e) {
                // Exception, not IOException: JDK 17's UserDefinedFileAttributeView.write lets the
                // EIO of its close(2) (iclient writing back the xattr) escape as the undeclared
                // checked sun.nio.fs.UnixException; caught narrower, it ended this thread and the
                // round saw "no operation completed" (SwiftObjectServerCrashIT, 2026-12-08).
                synchronized (this) {
                    failures++;
                    lastFailure = name + ": " + e;
                    uncertain.add(name);
                    touched.add(name);
                    if (to != null) {
                        uncertain.add(to);
                        touched.add(to);
                    }
                }
                if (stopOnFailure) {
                    return;
                }
                pause(100);
            }
        }
    }

    private static String pick(Random r) {
        return "d" + r.nextInt(DIRS) + "/f" + r.nextInt(FILES);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(Path p, String name, int offset, int length, Random r) throws IOException {
        byte[] data = new byte[length];
        r.nextBytes(data);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(data), offset);
        }
        byte[] before = current.getOrDefault(name, new byte[0]);
        byte[] after = Arrays.copyOf(before, Math.max(before.length, offset + length));
        System.arraycopy(data, 0, after, offset, length);
        current.put(name, after);
        markDurable();                                   // close returned: the mount's changes are durable
    }

    private void truncate(Path p, String name, int size) throws IOException {
        if (!current.containsKey(name)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
        byte[] before = current.get(name);
        current.put(name, Arrays.copyOf(before, Math.min(before.length, size)));
        markDurable();
    }

    private void fsync(Path p) throws IOException {
        if (Files.exists(p)) {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            markDurable();
        }
    }

    private void rename(Path mnt, String name, String to) throws IOException {
        if (!current.containsKey(name) || to.equals(name)) {
            return;
        }
        synchronized (this) {
            touched.add(to);
        }
        Files.createDirectories(mnt.resolve(to).getParent());
        Files.move(mnt.resolve(name), mnt.resolve(to), StandardCopyOption.REPLACE_EXISTING);
        current.put(to, current.remove(name));
        synchronized (this) {
            uncertain.remove(to);                        // whatever it held, it now holds the moved file
        }
    }

    /** Reads a certain name and records a difference from the model as wrong data. */
    private void checkRead(Path p, String name) throws IOException {
        byte[] actual = readOrNull(p);
        byte[] expected = current.get(name);
        if (expected == null && actual != null) {
            wrongReads.add(name + " read " + actual.length + " bytes, but it was removed");
        } else if (expected != null && actual == null) {
            wrongReads.add(name + " is missing, expected " + expected.length + " bytes");
        } else if (expected != null && !Arrays.equals(expected, actual)) {
            wrongReads.add(name + " read " + actual.length + " bytes, expected " + expected.length
                    + " (first difference at " + Arrays.mismatch(expected, actual) + ")");
        }
    }

    /** An uncertain name read back: what is there is its state from now on. */
    private void readBack(Path p, String name) throws IOException {
        byte[] actual = readOrNull(p);
        if (actual == null) {
            current.remove(name);
        } else {
            current.put(name, actual);
        }
        synchronized (this) {
            uncertain.remove(name);                      // stays touched until the next durable point
        }
    }

    private static byte[] readOrNull(Path p) throws IOException {
        try {
            return Files.readAllBytes(p);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private synchronized void markDurable() {
        durable = new HashMap<>(current);
        durable.keySet().removeAll(uncertain);
        touched.clear();
        touched.addAll(uncertain);
    }

    /**
     * Checks a mount that has not seen this workload's operations (a new iclient) against the
     * last durable point, then takes what is there as the model and as durable.
     */
    synchronized void verifyDurable(Path mnt, String when) throws IOException {
        compare(mnt, durable, touched, when + ", durable states");
        resync(mnt);
    }

    /**
     * Checks the mount the workload ran on: every certain name must hold exactly what the
     * application last wrote (a successful operation is never undone), and no read returned
     * wrong data; then takes what is there as the model (uncertain names become certain). The
     * durable point does not move.
     */
    synchronized void verifyCurrent(Path mnt, String when) throws IOException {
        Set<String> skip = new HashSet<>(uncertain);
        compare(mnt, current, skip, when + ", current states");
        for (String name : new TreeSet<>(uncertain)) {
            readBack(mnt.resolve(name), name);
        }
    }

    /** After a clean unmount every change the application made is durable. */
    synchronized void cleanlyUnmounted() {
        markDurable();
    }

    private void compare(Path mnt, Map<String, byte[]> expectedStates, Set<String> skip, String when)
            throws IOException {
        List<String> wrong = new ArrayList<>(wrongReads);
        Set<String> names = new TreeSet<>(expectedStates.keySet());
        names.addAll(current.keySet());
        names.addAll(touched);
        names.addAll(listed(mnt).keySet());
        for (String name : names) {
            if (skip.contains(name)) {
                continue;                                // either state may be there
            }
            byte[] expected = expectedStates.get(name);
            byte[] actual = readOrNull(mnt.resolve(name));
            if (expected == null && actual != null) {
                wrong.add(name + " exists (" + actual.length + " bytes) but was removed");
            } else if (expected != null && actual == null) {
                wrong.add(name + " is missing");
            } else if (expected != null && !Arrays.equals(expected, actual)) {
                wrong.add(name + " has " + actual.length + " bytes, expected " + expected.length
                        + " (first difference at " + Arrays.mismatch(expected, actual) + ")");
            }
        }
        assertTrue(wrong.isEmpty(), when + ": " + wrong);
    }

    private static Map<String, byte[]> listed(Path mnt) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        for (int d = 0; d < DIRS; d++) {
            Path dirPath = mnt.resolve("d" + d);
            if (Files.isDirectory(dirPath)) {
                try (var s = Files.list(dirPath)) {
                    for (Path f : s.toList()) {
                        out.put("d" + d + "/" + f.getFileName(), Files.readAllBytes(f));
                    }
                }
            }
        }
        return out;
    }

    private void resync(Path mnt) throws IOException {
        current.clear();
        current.putAll(listed(mnt));
        uncertain.clear();
        markDurable();
    }
}
