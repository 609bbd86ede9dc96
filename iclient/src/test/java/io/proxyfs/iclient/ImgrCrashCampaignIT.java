package io.proxyfs.iclient;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash campaign of issue 20 against imgr: imgr runs as a separate process and is killed with
 * SIGKILL at random moments of the {@link CampaignWorkload} and started again, while one iclient
 * stays mounted and must ride through (retryrpc reconnect, a new Mount, leases taken again) or fail
 * operations with EIO, never return wrong data nor lose what a returned close or fsync made
 * durable (see {@link RideThroughCampaign} for the checks). {@code -Dproxyfs.campaign.imgrKills=N}
 * (default 3) and {@code -Dproxyfs.campaign.seed=S} for a longer run.
 */
@Timeout(1800)
class ImgrCrashCampaignIT {
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
    void iclientRidesThroughRepeatedKillNineOfImgr() throws Exception {
        int kills = Integer.getInteger("proxyfs.campaign.imgrKills", 3);
        long seed = Long.getLong("proxyfs.campaign.seed", 20261207L);
        cluster = Cluster.withImgrProcess(false, dir);
        try (RideThroughCampaign campaign = new RideThroughCampaign(cluster, dir,
                "ICLIENT.FileFlushTriggerSize=262144", "ICLIENT.FileFlushTriggerDuration=2s")) {
            RideThroughCampaign.Result result = campaign.run(kills, seed, random -> {
                cluster.killImgr();
                Thread.sleep(random.nextInt(1500));           // down for a while
                cluster.startImgr();
            });
            System.out.println("ImgrCrashCampaignIT (seed " + seed + "): " + result);
        }
    }
}
