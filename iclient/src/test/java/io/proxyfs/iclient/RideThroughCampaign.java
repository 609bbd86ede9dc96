package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A crash campaign against a server-side daemon while one iclient (a real process, mounted for
 * the whole run) stays up: each round runs the {@link CampaignWorkload} on the mount, a
 * {@link Disruption} (kill -9 of imgr, an ickpt replica, a Swift server, and its restart) strikes
 * at a random moment, the workload goes on for a while after the restart, then the mount is
 * checked: every operation that returned success is there exactly, no read returned wrong data
 * (operations that failed, with EIO, are allowed and counted). At the end iclient is unmounted
 * cleanly, {@code icheck} must find no damage, a new iclient must find every state byte for byte,
 * and {@code icheck} must find no damage after its clean unmount.
 *
 * <p>Not thread-safe: one test thread runs it; {@link #close()} kills the iclient and unmounts, also
 * after a failure.
 */
final class RideThroughCampaign implements AutoCloseable {
    /** The fault a round injects. */
    interface Disruption {
        /** Kills the daemon with SIGKILL and starts it again (waiting until it serves). */
        void strike(Random random) throws Exception;
    }

    /** What a campaign did. */
    record Result(int rounds, long operations, long failures, String lastFailure, int leakFindings) {
        @Override
        public String toString() {
            return rounds + " kills, " + operations + " operations succeeded, " + failures + " failed"
                    + (failures > 0 ? " (last: " + lastFailure + ")" : "") + ", " + leakFindings
                    + " icheck findings of leaked space at the end";
        }
    }

    private final Cluster cluster;
    private final Path dir;
    private final Path mnt;
    private final String[] iclientOverrides;
    private final CampaignWorkload model = new CampaignWorkload();
    private Process iclient;

    RideThroughCampaign(Cluster cluster, Path dir, String... iclientOverrides) {
        this.cluster = cluster;
        this.dir = dir;
        this.mnt = dir.resolve("mnt");
        this.iclientOverrides = iclientOverrides;
    }

    /** Runs {@code rounds} rounds with {@code disruption}; {@code seed} makes the operations repeatable. */
    Result run(int rounds, long seed, Disruption disruption) throws Exception {
        Random random = new Random(seed);
        iclient = cluster.launchIclient(mnt, dir, iclientOverrides);
        for (int round = 0; round < rounds; round++) {
            String when = "round " + round + " (seed " + seed + ")";
            long t0 = System.nanoTime();
            long ops0 = model.operations();
            long failures0 = model.failures();
            AtomicBoolean stop = new AtomicBoolean();
            Random opRandom = new Random(random.nextLong());
            Thread worker = model.start(mnt, opRandom, stop, false);
            long struck;
            long firstOpAfter = -1;
            try {
                Thread.sleep(500 + random.nextInt(3000));
                long strikeStart = System.nanoTime();
                disruption.strike(random);
                long restarted = System.nanoTime();
                struck = TimeUnit.NANOSECONDS.toMillis(restarted - strikeStart);
                long opsAtRestart = model.operations();
                long rideUntil = restarted + TimeUnit.MILLISECONDS.toNanos(1000 + random.nextInt(2000));
                while (System.nanoTime() < rideUntil || firstOpAfter < 0 && System.nanoTime() < rideUntil
                        + TimeUnit.SECONDS.toNanos(60)) {        // riding through after the restart
                    if (firstOpAfter < 0 && model.operations() > opsAtRestart) {
                        firstOpAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);
                    }
                    Thread.sleep(20);
                }
            } finally {
                stop.set(true);
                worker.join(120_000);
            }
            model.assertEnded(worker, when);
            assertTrue(iclient.isAlive(), when + ": iclient died; see " + dir.resolve("iclient.out"));
            model.verifyCurrent(mnt, when);
            System.out.printf("RideThroughCampaign %s: %d ms, %d operations, %d failed; kill to restarted %d ms,"
                    + " first operation done %d ms after the restart%n", when,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), model.operations() - ops0,
                    model.failures() - failures0, struck, firstOpAfter);
            assertTrue(firstOpAfter >= 0, when + ": no operation completed within 60 s of the restart ("
                    + model.lastFailure() + ")");
        }
        iclient.destroy();                                     // SIGTERM: write back and unmount
        assertTrue(iclient.waitFor(60, TimeUnit.SECONDS), "iclient ends on SIGTERM");
        assertEquals(0, iclient.exitValue(), "iclient's exit code after SIGTERM");
        iclient = null;
        Cluster.forceUnmount(mnt);
        model.cleanlyUnmounted();
        CrashDamage.assertDamageFree(cluster.checkAndScrub(CrashDamage.JUDGED_LATER), "seed " + seed
                + ": after the campaign");

        iclient = cluster.launchIclient(mnt, dir, iclientOverrides);
        model.verifyDurable(mnt, "seed " + seed + ": a new iclient after the campaign");
        iclient.destroy();
        assertTrue(iclient.waitFor(60, TimeUnit.SECONDS), "iclient ends on SIGTERM");
        iclient = null;
        Cluster.forceUnmount(mnt);
        int leaks = CrashDamage.assertDamageFree(cluster.check(), "seed " + seed + ": at the end");
        return new Result(rounds, model.operations(), model.failures(), model.lastFailure(), leaks);
    }

    @Override
    public void close() throws Exception {
        if (iclient != null) {
            iclient.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            iclient = null;
        }
        Cluster.forceUnmount(mnt);
    }
}
