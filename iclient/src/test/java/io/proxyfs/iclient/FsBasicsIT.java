package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real FUSE mount on the emulator: basic java.nio operations, then unmount and remount. */
@Timeout(120)
class FsBasicsIT {
    @TempDir
    Path dir;

    private Cluster cluster;

    @AfterEach
    void tearDown() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void filesAndDirectoriesSurviveARemount() throws Exception {
        cluster = new Cluster(false, dir);
        Path mnt = dir.resolve("mnt");
        Iclient c = cluster.mount(mnt);
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(data);
        Files.createDirectories(mnt.resolve("a/b"));
        Files.write(mnt.resolve("a/b/f.bin"), data);
        Files.writeString(mnt.resolve("hello.txt"), "hello world\n");
        assertArrayEquals(data, Files.readAllBytes(mnt.resolve("a/b/f.bin")));
        assertEquals("hello world\n", Files.readString(mnt.resolve("hello.txt")));
        try (Stream<Path> s = Files.list(mnt)) {
            assertEquals(List.of("a", "hello.txt"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        cluster.unmount(c);
        assertFalse(MountPoint.isMounted(mnt));
        Iclient again = cluster.mount(mnt);
        assertArrayEquals(data, Files.readAllBytes(mnt.resolve("a/b/f.bin")));
        assertEquals("hello world\n", Files.readString(mnt.resolve("hello.txt")));
        assertTrue(Files.isDirectory(mnt.resolve("a/b")));
        cluster.unmount(again);
        cluster.assertConsistent();
    }
}
