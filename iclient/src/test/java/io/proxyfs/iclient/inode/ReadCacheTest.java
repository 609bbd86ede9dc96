package io.proxyfs.iclient.inode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.TempAuth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The read cache against the in-process Swift emulator, with a cache far smaller than what is
 * read, so that lines are evicted (and their arrays reused for the next lines) while other
 * readers are still copying from them: every byte read must be the object's.
 */
@Timeout(120)
class ReadCacheTest {
    private static final int LINE = 4096;
    private static final String CONTAINER = "readcache";
    private static final SwiftClientSettings FAST =
            new SwiftClientSettings(Duration.ofMillis(5), 2.0, 3, Duration.ofSeconds(10), 32);

    private SwiftEmulator emulator;
    private SwiftClient swift;
    private ObjectStore store;
    private final List<byte[]> objects = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).start();
        swift = new SwiftClient(new TempAuth(emulator.authUrl(), "test:tester", "testing", FAST), FAST);
        swift.createContainer(CONTAINER);
        store = new ObjectStore(swift, CONTAINER);
        Random random = new Random(7);
        for (int n = 0; n < 4; n++) {
            byte[] b = new byte[40 * LINE + 1234 * n + 17]; // the last line is short
            random.nextBytes(b);
            swift.putObject(CONTAINER, ObjectNames.nameOf(objectNumber(n)), b);
            objects.add(b);
        }
    }

    @AfterEach
    void stop() throws Exception {
        swift.close();
        emulator.close();
    }

    private static long objectNumber(int n) {
        return 0x100 + n;
    }

    @Test
    void readersRacingEvictionAlwaysGetTheObjectsBytes() throws Exception {
        ReadCache cache = new ReadCache(store, LINE, 8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                readers.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    int reads = 0;
                    for (int i = 0; i < 400; i++) {
                        int n = r.nextInt(objects.size());
                        byte[] object = objects.get(n);
                        int at = r.nextInt(object.length);
                        int length = 1 + r.nextInt(Math.min(3 * LINE, object.length - at));
                        if (r.nextInt(4) == 0) {
                            cache.prefetch(objectNumber(n), at, 6L * LINE);
                        }
                        byte[] got = new byte[length];
                        cache.read(objectNumber(n), at, got, 0, length, r.nextInt(8) != 0);
                        assertArrayEquals(Arrays.copyOfRange(object, at, at + length), got,
                                "object " + n + " at " + at + " length " + length);
                        byte[] peeked = cache.peek(objectNumber(n), at, Math.min(length, LINE - at % LINE));
                        if (peeked != null) {
                            assertArrayEquals(Arrays.copyOfRange(object, at, at + peeked.length), peeked);
                        }
                        reads++;
                    }
                    return reads;
                }));
            }
            for (Future<Integer> f : readers) {
                assertEquals(400, f.get());
            }
            assertTrue(cache.size() <= 8, "the line cap holds: " + cache.size());
        } finally {
            pool.shutdownNow();
            cache.close();
        }
    }

    @Test
    void aLineOfferedWholeIsServedAndNeverReused() throws Exception {
        ReadCache cache = new ReadCache(store, LINE, 2);
        try {
            byte[] offered = new byte[LINE]; // exactly a line: must still not be handed to a fetch
            Arrays.fill(offered, (byte) 0x5a);
            cache.offerWhole(0x999, offered);
            byte[] got = new byte[10];
            cache.read(0x999, 100, got, 0, 10);
            assertArrayEquals(Arrays.copyOfRange(offered, 100, 110), got);
            // evict it by reading other lines, then check the caller's array was left alone
            for (int line = 0; line < 6; line++) {
                byte[] b = new byte[LINE];
                cache.read(objectNumber(0), (long) line * LINE, b, 0, LINE);
                assertArrayEquals(Arrays.copyOfRange(objects.get(0), line * LINE, (line + 1) * LINE), b);
            }
            for (byte b : offered) {
                assertEquals((byte) 0x5a, b);
            }
            assertNull(cache.peek(0x999, 0, 10), "evicted");
        } finally {
            cache.close();
        }
    }
}
