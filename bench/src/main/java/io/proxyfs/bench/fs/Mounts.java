package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Asks the kernel what is mounted where ({@code /proc/self/mountinfo}) and unmounts FUSE mounts. Stateless. */
final class Mounts {
    private Mounts() {
    }

    /** Whether something is mounted exactly on {@code dir}. */
    static boolean isMounted(Path dir) throws IOException {
        String want = dir.toAbsolutePath().normalize().toString();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            if (f.length > 4 && unescape(f[4]).equals(want)) {
                return true;
            }
        }
        return false;
    }

    /** Unmounts a FUSE mount on {@code dir} if there is one: a normal unmount, else a lazy one. */
    static void unmount(Path dir) throws IOException, InterruptedException {
        if (!isMounted(dir)) {
            return;
        }
        Commands.run(30, Map.of(), List.of("fusermount", "-u", dir.toString()));
        if (isMounted(dir)) {
            Commands.run(30, Map.of(), List.of("fusermount", "-u", "-z", dir.toString()));
        }
        if (isMounted(dir)) {
            Commands.run(30, Map.of(), List.of("umount", "-l", dir.toString()));
        }
    }

    /** mountinfo writes space, tab, newline and backslash in octal. */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
