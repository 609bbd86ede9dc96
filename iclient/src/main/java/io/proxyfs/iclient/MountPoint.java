package io.proxyfs.iclient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        return !mountIdsAt(mountInfo(), path(dir)).isEmpty();
    }

    /**
     * The mount ID (the first field of {@code /proc/self/mountinfo}, unique among the mounts
     * present) of the mount on top at {@code dir}, if something is mounted there.
     */
    public static OptionalLong topMountId(Path dir) throws IOException {
        return topMountId(mountInfo(), path(dir));
    }

    /** {@link #topMountId(Path)} over given mountinfo lines (later lines are mounted later, on top). */
    static OptionalLong topMountId(List<String> mountInfo, String dir) {
        List<Long> ids = mountIdsAt(mountInfo, dir);
        return ids.isEmpty() ? OptionalLong.empty() : OptionalLong.of(ids.get(ids.size() - 1));
    }

    /** Waits until the mount {@code mountId} (from {@link #topMountId}) is gone from {@code dir}. */
    public static boolean awaitGone(Path dir, long mountId, long timeoutMillis) throws IOException, InterruptedException {
        String want = path(dir);
        return awaitTrue(() -> !mountedAs(mountInfo(), want, mountId), timeoutMillis);
    }

    /** Whether the mount {@code mountId} is still at {@code dir} (on top or covered). */
    static boolean mountedAs(List<String> mountInfo, String dir, long mountId) {
        return mountIdsAt(mountInfo, dir).contains(mountId);
    }

    /** Waits until {@code dir} is (or is no longer) mounted. */
    public static boolean await(Path dir, boolean mounted, long timeoutMillis) throws IOException, InterruptedException {
        return awaitTrue(() -> isMounted(dir) == mounted, timeoutMillis);
    }

    /** A look at the mount table. */
    private interface MountCheck {
        boolean holds() throws IOException;
    }

    /** Polls {@code check} every 20 ms until it holds (true) or {@code timeoutMillis} passed (false). */
    private static boolean awaitTrue(MountCheck check, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (check.holds()) {
                return true;
            }
            Thread.sleep(20);
        }
        return check.holds();
    }

    /** The IDs of the mounts at {@code dir}, bottom first, from mountinfo lines. */
    private static List<Long> mountIdsAt(List<String> mountInfo, String dir) {
        List<Long> ids = new ArrayList<>();
        for (String line : mountInfo) {
            String[] f = line.split(" ");
            if (f.length > 4 && unescape(f[4]).equals(dir)) {
                ids.add(Long.parseLong(f[0]));
            }
        }
        return ids;
    }

    private static List<String> mountInfo() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8);
    }

    private static String path(Path dir) {
        return dir.toAbsolutePath().normalize().toString();
    }

    private static String unescape(String s) {
        return s.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
