package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.testing.RealSwift;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash campaign of issue 20 against Swift: on the real Swift of {@code scripts/swift-aio.sh}
 * (one replica, so nothing else can take a PUT), the object server is killed with SIGKILL at
 * random moments of the {@link CampaignWorkload} (whose writes and closes keep iclient's and imgr's
 * object PUTs in flight) and restarted. Clients ride through with their Swift retries or fail
 * operations with EIO, never return wrong data nor lose a durable state (the checks of
 * {@link RideThroughCampaign}). {@code -Dproxyfs.campaign.swiftKill=worker} (the default) kills the
 * worker process that serves the requests, which the server's parent replaces at once;
 * {@code =server} kills the whole server and starts it again. After either, Swift's proxy may
 * error-limit the node (it does after a whole-server kill, and after a worker kill under heavy
 * traffic) and answer 503 for every object for about 60 s (one replica: no other node), for every
 * user of that Swift: clients get EIO meanwhile, and each round goes on once objects are served
 * again. Skipped without the real Swift (failed with
 * {@code PROXYFS_REQUIRE_REAL_SWIFT=1}); the object server is running again when the test ends,
 * also after a failure. {@code -Dproxyfs.campaign.swiftKills=N} (default 3) and
 * {@code -Dproxyfs.campaign.seed=S} for a longer run.
 */
@Timeout(1800)
class SwiftObjectServerCrashIT {
    @TempDir
    Path dir;

    private Cluster cluster;

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (RealSwift.reachable() || SwiftAioObjectServer.ours()) {
                SwiftAioObjectServer.start();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    void clientsRideThroughKillNineOfTheObjectServer() throws Exception {
        RealSwift.require();
        if (!SwiftAioObjectServer.ours()) {
            String why = "the Swift on 127.0.0.1:8080 was not started by scripts/swift-aio.sh (state in"
                    + " $SWIFT_AIO_DIR): its object server cannot be killed and restarted";
            if ("1".equals(System.getenv("PROXYFS_REQUIRE_REAL_SWIFT"))) {
                Assertions.fail(why + ", and PROXYFS_REQUIRE_REAL_SWIFT=1");
            }
            Assumptions.abort(why);
        }
        int kills = Integer.getInteger("proxyfs.campaign.swiftKills", 3);
        String mode = System.getProperty("proxyfs.campaign.swiftKill", "worker");
        assertTrue(mode.equals("worker") || mode.equals("server"), "proxyfs.campaign.swiftKill is worker or server");
        boolean wholeServer = mode.equals("server");
        long seed = Long.getLong("proxyfs.campaign.seed", 20261207L);
        cluster = new Cluster(true, dir, "IMGR.SwiftRetryLimit=6");
        try (RideThroughCampaign campaign = new RideThroughCampaign(cluster, dir,
                "ICLIENT.FileFlushTriggerSize=262144", "ICLIENT.FileFlushTriggerDuration=2s",
                "ICLIENT.SwiftRetryLimit=10")) {
            RideThroughCampaign.Result result = campaign.run(kills, seed, random -> {
                if (wholeServer) {
                    SwiftAioObjectServer.kill();
                    try {
                        Thread.sleep(random.nextInt(1000));   // down for a moment
                    } finally {
                        SwiftAioObjectServer.start();
                    }
                } else {
                    SwiftAioObjectServer.killWorker();
                }
                // The proxy error-limits its only object node when the kill cost it enough errors
                // (ours and every other user's): 503 for every object for about 60 s. The round
                // goes on once objects are served again.
                System.out.println("SwiftObjectServerCrashIT: objects served again "
                        + cluster.awaitObjectsServed(Duration.ofSeconds(180)).toMillis() + " ms after the restart");
            });
            System.out.println("SwiftObjectServerCrashIT (" + mode + " kills, seed " + seed + "): " + result);
        }
    }
}
