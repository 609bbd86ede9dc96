package io.proxyfs.ickptclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.ickptclient.IckptInstance.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class MajorityWaitTest {
    private static final long MS = 1_000_000L;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private CompletableFuture<Answer> after(long millis, int status) {
        CompletableFuture<Answer> f = new CompletableFuture<>();
        timer.schedule(() -> f.complete(new Answer(status, new byte[0], "")), millis, TimeUnit.MILLISECONDS);
        return f;
    }

    @Test
    void allAnswersWhenTheyComeInTime() throws Exception {
        List<Answer> a = new MajorityWait(List.of(after(10, 204), after(20, 204), after(30, 500)))
                .await(2, Answer::okOrNull, 1000 * MS, 10_000 * MS);
        assertEquals(List.of(204, 204, 500), a.stream().map(Answer::status).toList());
    }

    @Test
    void aHungCallCostsTheGraceOnceTheMajorityIsIn() throws Exception {
        long start = System.nanoTime();
        List<Answer> a = new MajorityWait(List.of(after(5, 204), after(10, 204), new CompletableFuture<>()))
                .await(2, Answer::okOrNull, 100 * MS, 10_000 * MS);
        long took = (System.nanoTime() - start) / MS;
        assertNull(a.get(2));
        assertTrue(took >= 100 && took < 2_000, "took " + took + " ms");
    }

    @Test
    void aLostMajorityAlsoWaitsOnlyTheGrace() throws Exception {
        long start = System.nanoTime();
        List<Answer> a = new MajorityWait(List.of(after(5, -1), after(10, -1), new CompletableFuture<>()))
                .await(2, Answer::okOrNull, 100 * MS, 10_000 * MS);
        assertTrue((System.nanoTime() - start) / MS < 2_000);
        assertEquals(-1, a.get(0).status());
        assertNull(a.get(2));
    }

    @Test
    void theLimitBoundsEverything() throws Exception {
        long start = System.nanoTime();
        List<Answer> a = new MajorityWait(List.of(new CompletableFuture<>(), new CompletableFuture<>(),
                after(1, 204))).await(2, Answer::okOrNull, 10_000 * MS, 200 * MS);
        assertTrue((System.nanoTime() - start) / MS < 2_000);
        assertNull(a.get(0));
    }

    @Test
    void settingsNameEveryInstanceAndRefuseEvenCounts() {
        IckptClientSettings s = new IckptClientSettings(List.of("127.0.0.1", "127.0.0.1:40000", "localhost"), 33123,
                Optional.empty(), Duration.ofMillis(1), 2, 1, Duration.ofSeconds(1), 1);
        assertEquals(List.of("http://127.0.0.1:33123", "http://127.0.0.1:40000", "http://localhost:33123"), s.baseUrls());
        IckptClientSettings tls = new IckptClientSettings(List.of("127.0.0.1"), 1, Optional.of(Path.of("ca.pem")),
                Duration.ofMillis(1), 2, 1, Duration.ofSeconds(1), 1);
        assertEquals(List.of("https://127.0.0.1:1"), tls.baseUrls());
        assertThrows(IllegalArgumentException.class, () -> new IckptClientSettings(List.of("a", "b"), 1,
                Optional.empty(), Duration.ofMillis(1), 2, 1, Duration.ofSeconds(1), 1));
        assertThrows(IllegalArgumentException.class, () -> new IckptClientSettings(List.of("a"), 1,
                Optional.empty(), Duration.ofMillis(1), 0.5, 1, Duration.ofSeconds(1), 1));
    }
}
