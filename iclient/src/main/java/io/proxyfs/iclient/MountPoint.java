package io.proxyfs.iclient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Checks a mount point before mounting and watches {@code /proc/self/mountinfo} for the mount:
 * a missing path, a non-directory, a directory already mounted on, or a non-empty (busy)
 * directory are refused with a message saying which; a mount is told from one mounted over it
 * by its mount ID. Stateless.
 */
public final class MountPoint {
    private MountPoint() {
    }

    /** Refuses a path FUSE could not (or should not) mount on, saying why. */
    public static void check(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            throw new IOException("mount point " + abs + " does not exist (MountPointDirPath); create it first");
        }
        if (!Files.isDirectory(abs)) {
            throw new IOException("mount point " + abs + " is not a directory");
        }
        if (isMounted(abs)) {
            throw new IOException("mount point " + abs + " is already mounted on (another iclient? "
                    + "try: fusermount -u " + abs + ")");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(abs)) {
            if (entries.iterator().hasNext()) {
                throw new IOException("mount point " + abs + " is busy: it is not empty");
            }
        }
    }

    /** Whether something is mounted exactly at {@code dir}. */
    public static boolean isMounted(Path dir) throws IOException {
        String want = dir.toAbsolutePath().normalize().toString();
        for (String line : mountInfo()) {
            String[] f = line.split(" ");
            if (f.length > 4 && unescape(f[4]).equals(want)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The mount ID (the first field of {@code /proc/self/mountinfo}, unique among the mounts
     * present) of the mount on top at {@code dir}, if something is mounted there.
     */
    public static OptionalLong topMountId(Path dir) throws IOException {
        return topMountId(mountInfo(), dir.toAbsolutePath().normalize().toString());
    }

    /** {@link #topMountId(Path)} over given mountinfo lines (later lines are mounted later, on top). */
    static OptionalLong topMountId(List<String> mountInfo, String dir) {
        OptionalLong top = OptionalLong.empty();
        for (String line : mountInfo) {
            String[] f = line.split(" ");
            if (f.length > 4 && unescape(f[4]).equals(dir)) {
                top = OptionalLong.of(Long.parseLong(f[0]));
            }
        }
        return top;
    }

    /** Waits until the mount {@code mountId} (from {@link #topMountId}) is gone from {@code dir}. */
    public static boolean awaitGone(Path dir, long mountId, long timeoutMillis) throws IOException, InterruptedException {
        String want = dir.toAbsolutePath().normalize().toString();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            if (!mountedAs(mountInfo(), want, mountId)) {
                return true;
            }
            if (System.currentTimeMillis() >= deadline) {
                return false;
            }
            Thread.sleep(20);
        }
    }

    /** Whether the mount {@code mountId} is still at {@code dir} (on top or covered). */
    static boolean mountedAs(List<String> mountInfo, String dir, long mountId) {
        for (String line : mountInfo) {
            String[] f = line.split(" ");
            if (f.length > 4 && unescape(f[4]).equals(dir) && Long.parseLong(f[0]) == mountId) {
                return true;
            }
        }
        return false;
    }

    private static List<String> mountInfo() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8);
    }

    /** Waits until {@code dir} is (or is no longer) mounted. */
    public static boolean await(Path dir, boolean mounted, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (isMounted(dir) == mounted) {
                return true;
            }
            Thread.sleep(20);
        }
        return isMounted(dir) == mounted;
    }

    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
