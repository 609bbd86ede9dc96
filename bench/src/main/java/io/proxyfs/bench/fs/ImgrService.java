package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * imgr as a process from its built jar ({@code imgr/imgr imgr/dev.conf} with overrides: free
 * loopback ports, state in the benchmark's folder), optionally with one ickpt keeping its
 * checkpoints as {@code scripts/quickstart.sh} runs it, and the volume {@code testvol} formatted
 * and served in the Swift's fresh container by the real {@code imgr/mkmount.sh -f -s}.
 */
final class ImgrService {
    static final String VOLUME = "testvol";

    private final Daemons daemons;
    private final List<String> command;
    private final int rpcPort;
    private final String httpUrl;
    private Daemon imgr;

    private ImgrService(Daemons daemons, List<String> command, int rpcPort, String httpUrl, Daemon imgr) {
        this.daemons = daemons;
        this.command = List.copyOf(command);
        this.rpcPort = rpcPort;
        this.httpUrl = httpUrl;
        this.imgr = imgr;
    }

    /** Starts (ickpt and) imgr, then formats and serves the volume. */
    static ImgrService start(Daemons daemons, Path top, Path stateDir, SwiftService swift, boolean ickpt,
            List<String> imgrOverrides) throws IOException, InterruptedException {
        List<String> ickptOverrides = new ArrayList<>();
        if (ickpt) {
            int ickptPort = SwiftService.freePort();
            Daemon k = daemons.start("ickpt", List.of(top.resolve("ickpt/ickpt").toString(), "ickpt/dev.conf",
                    "ICKPT.Port=" + ickptPort, "ICKPT.DataBasePath=" + stateDir.resolve("ickptDB")), Map.of());
            k.awaitHttp("http://127.0.0.1:" + ickptPort + "/version", Duration.ofSeconds(60));
            ickptOverrides = List.of("IMGR.CheckPointIPAddrs=127.0.0.1", "IMGR.CheckPointPort=" + ickptPort);
        }
        // A port found free can be taken by another program before imgr binds it (other people's
        // tests run on this machine): then imgr exits, or someone else answers. Try fresh ports.
        for (int attempt = 1;; attempt++) {
            int rpcPort = SwiftService.freePort();
            int httpPort = SwiftService.freePort();
            List<String> command = new ArrayList<>(List.of(top.resolve("imgr/imgr").toString(), "imgr/dev.conf",
                    "IMGR.RetryRPCPort=" + rpcPort, "IMGR.HTTPServerPort=" + httpPort,
                    "IMGR.ServedVolumesFilePath=" + stateDir.resolve("imgr-volumes.json")));
            command.addAll(ickptOverrides);
            command.addAll(imgrOverrides);
            Daemon imgr = daemons.start("imgr", command, Map.of());
            String imgrUrl = "http://127.0.0.1:" + httpPort;
            try {
                imgr.awaitHttp(imgrUrl + "/version", Duration.ofSeconds(60));
                imgr.awaitHttp(imgrUrl + "/volume", Duration.ofSeconds(5)); // only imgr has this route
                Thread.sleep(300);
                imgr.failIfDead();
            } catch (IOException e) {
                imgr.stop(Duration.ofSeconds(10));
                if (attempt >= 3) {
                    throw e;
                }
                continue;
            }
            Commands.Outcome mk = Commands.run(120, Map.of("PROXYFS_SWIFT_URL", swift.baseUrl(), "PROXYFS_IMGR_URL",
                    imgrUrl, "PROXYFS_CONTAINER", swift.container(), "PROXYFS_VOLUME", VOLUME, "PROXYFS_SWIFT_USER",
                    SwiftService.USER, "PROXYFS_SWIFT_KEY", SwiftService.KEY, "PROXYFS_WAIT_SECONDS", "30"),
                    List.of(top.resolve("imgr/mkmount.sh").toString(), "-f", "-s"));
            if (mk.exitCode() != 0) {
                throw new IOException("imgr/mkmount.sh -f -s failed: " + Commands.tail(mk.output()));
            }
            return new ImgrService(daemons, command, rpcPort, imgrUrl, imgr);
        }
    }

    /**
     * Stops imgr (unless {@link #stop} did) and starts it again with the same command
     * line and state file, so that it serves the volume again from what is in Swift (a cold start).
     * Returns the new process, named {@code name} (so its peak RSS is reported apart from the first
     * one's) once it answers HTTP; the volume may not be served yet.
     */
    Daemon restart(String name) throws IOException, InterruptedException {
        stop();
        imgr = daemons.start(name, command, Map.of());
        imgr.awaitHttp(httpUrl + "/version", Duration.ofSeconds(120));
        return imgr;
    }

    /** Stops imgr (SIGTERM: it writes its last checkpoint); fails if it has to be killed. */
    void stop() throws IOException, InterruptedException {
        if (!imgr.stop(Duration.ofSeconds(600))) {
            throw new IOException("imgr did not exit within 600 s of SIGTERM");
        }
    }

    /** The imgr process now running. */
    Daemon daemon() {
        return imgr;
    }

    /** imgr's RetryRPC port, for iclient. */
    int rpcPort() {
        return rpcPort;
    }
}
