package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash campaign of issue 20 against iclient, short in CI: the {@link CampaignWorkload} runs
 * on a real mount while iclient is killed with SIGKILL at a random moment; after each kill
 * {@code icheck} must find no damage (crash orphans are scrubbed), iclient is started again and
 * every file whose last change was made durable (by a close or an fsync that returned) and not
 * touched since must be there byte for byte, and, after a clean unmount, {@code icheck} must find
 * no damage again. {@code -Dproxyfs.campaign.kills=N} (default 3) and
 * {@code -Dproxyfs.campaign.seed=S} for a longer run. The same workload rides through kills of
 * the server side in {@link ImgrCrashCampaignIT}, {@link IckptCrashCampaignIT} and
 * {@link SwiftObjectServerCrashIT}.
 */
@Timeout(1800)
class CrashCampaignIT {
    @TempDir
    Path dir;

    private Cluster cluster;
    private Process iclient;

    @AfterEach
    void tearDown() throws Exception {
        if (iclient != null) {
            iclient.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Cluster.forceUnmount(dir.resolve("mnt"));
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void closedAndFsyncedStateSurvivesRepeatedKillNine() throws Exception {
        int kills = Integer.getInteger("proxyfs.campaign.kills", 3);
        long seed = Long.getLong("proxyfs.campaign.seed", 20261207L);
        Random random = new Random(seed);
        cluster = new Cluster(false, dir);
        Path mnt = dir.resolve("mnt");
        String[] flushTriggers = {"ICLIENT.FileFlushTriggerSize=262144", "ICLIENT.FileFlushTriggerDuration=2s"};
        CampaignWorkload model = new CampaignWorkload();
        int leaks = 0;
        for (int round = 0; round < kills; round++) {
            String when = "round " + round + " (seed " + seed + ")";
            iclient = cluster.launchIclient(mnt, dir, flushTriggers);
            AtomicBoolean stop = new AtomicBoolean();
            Random opRandom = new Random(random.nextLong());
            Thread worker = model.start(mnt, opRandom, stop, true);
            Thread.sleep(500 + random.nextInt(4000));
            iclient.destroyForcibly();
            assertTrue(iclient.waitFor(20, TimeUnit.SECONDS));
            iclient = null;
            stop.set(true);
            worker.join(60_000);
            model.assertEnded(worker, when + ", once the mount is gone");
            Cluster.forceUnmount(mnt);
            // Right after the crash: no damage. Crash orphans are scrubbed; space the crash leaked
            // is counted, not failed.
            CrashDamage.assertDamageFree(cluster.checkAndScrub(CrashDamage.JUDGED_LATER), when + ", after the kill");

            iclient = cluster.launchIclient(mnt, dir, flushTriggers);
            model.verifyDurable(mnt, when);
            iclient.destroy();                          // SIGTERM: write back and unmount
            assertTrue(iclient.waitFor(60, TimeUnit.SECONDS), "iclient ends on SIGTERM");
            iclient = null;
            Cluster.forceUnmount(mnt);
            leaks = CrashDamage.assertDamageFree(cluster.check(), when + ", after a clean unmount");
        }
        System.out.println("CrashCampaignIT: " + kills + " kills (seed " + seed + "), every durable state found,"
                + " no damage (crash orphans scrubbed each round); " + model.operations() + " operations; " + leaks
                + " findings of space leaked by crashes at the end");
    }
}
