package io.proxyfs.iclient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a mount point before mounting and watches {@code /proc/self/mountinfo} for the mount:
 * a missing path, a non-directory, a directory already mounted on, or a non-empty (busy)
 * directory are refused with a message saying which. Stateless.
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
        List<String> lines = Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8);
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f.length > 4 && unescape(f[4]).equals(want)) {
                return true;
            }
        }
        return false;
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
