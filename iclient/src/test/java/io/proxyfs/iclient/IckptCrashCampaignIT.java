package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash campaign of issue 20 against ickpt: imgr keeps its checkpoints on a quorum of 3 ickpt
 * instances (separate processes, {@code CheckPointIPAddrs}); a random one is killed with SIGKILL at
 * random moments of the {@link CampaignWorkload} and started again. Two of three always remain, so
 * nothing may even fail: no operation may get an error, and every check of
 * {@link RideThroughCampaign} must pass. {@code -Dproxyfs.campaign.ickptKills=N} (default 3) and
 * {@code -Dproxyfs.campaign.seed=S} for a longer run.
 */
@Timeout(1800)
class IckptCrashCampaignIT {
    @TempDir
    Path dir;

    private IckptReplicas ickpt;
    private Cluster cluster;

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (ickpt != null) {
                ickpt.close();
            }
        }
    }

    @Test
    void volumeGoesOnThroughRepeatedKillNineOfOneIckptReplica() throws Exception {
        int kills = Integer.getInteger("proxyfs.campaign.ickptKills", 3);
        long seed = Long.getLong("proxyfs.campaign.seed", 20261207L);
        ickpt = new IckptReplicas(dir, 3);
        cluster = new Cluster(false, dir, "IMGR.CheckPointIPAddrs=" + ickpt.addresses(),
                "IMGR.CheckPointRetryDelay=10ms", "IMGR.CheckPointRetryLimit=1", "IMGR.CheckPointTimeout=5s",
                "IMGR.CheckPointInterval=1s");
        try (RideThroughCampaign campaign = new RideThroughCampaign(cluster, dir,
                "ICLIENT.FileFlushTriggerSize=262144", "ICLIENT.FileFlushTriggerDuration=2s")) {
            RideThroughCampaign.Result result = campaign.run(kills, seed, random -> {
                int victim = random.nextInt(ickpt.size());
                ickpt.kill(victim);
                Thread.sleep(random.nextInt(2000));           // down for a while: checkpoints go to the other two
                ickpt.start(victim);
            });
            System.out.println("IckptCrashCampaignIT (seed " + seed + "): " + result);
            assertEquals(0, result.failures(), "with 2 of 3 ickpt instances up no operation may fail: " + result);
        }
    }
}
