package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML status pages of a running system as a person sees them: Debian's chromium (headless)
 * loads imgr's volume list and volume page and iclient's page while a volume is mounted and in
 * use; the test reads the rendered text (volume listed, its mount counted, numbers present) and
 * keeps screenshots under {@code target/status-pages/}.
 */
@Timeout(240)
class StatusPagesBrowserIT {
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
    void imgrAndIclientPagesShowTheVolumeItsMountAndFigures() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(chromium)) {
            if ("1".equals(System.getenv("PROXYFS_REQUIRE_REAL_SWIFT"))) {
                throw new AssertionError("chromium is not installed; scripts/setup-debian.sh test installs it");
            }
            Assumptions.abort("chromium is not installed (scripts/setup-debian.sh test installs it)");
        }
        cluster = new Cluster(false, dir);
        int iclientPort = Cluster.freePort();
        Path mnt = dir.resolve("mnt");
        cluster.mount(mnt, "ICLIENT.HTTPServerPort=" + iclientPort);
        Files.createDirectories(mnt.resolve("docs"));
        Files.writeString(mnt.resolve("docs/readme.txt"), "seen by a browser\n");
        Files.write(mnt.resolve("docs/blob"), new byte[300_000]);

        Path shots = Path.of("target", "status-pages").toAbsolutePath();
        Files.createDirectories(shots);
        String imgr = "http://127.0.0.1:" + cluster.imgrHttpPort();

        String volumes = render(chromium, imgr + "/volume", shots.resolve("imgr-volumes.png"));
        assertTrue(volumes.contains("testvol"), volumes);
        assertTrue(volumes.contains(cluster.container), "the volume's container is shown: " + volumes);

        String volume = render(chromium, imgr + "/volume/testvol", shots.resolve("imgr-volume-testvol.png"));
        assertTrue(volume.contains("testvol"), volume);
        assertTrue(volume.matches("(?s).*[Mm]ounts?.*"), "a mounts section: " + volume);
        assertTrue(volume.matches("(?s).*\\d+.*"), "numbers present: " + volume);

        String client = render(chromium, "http://127.0.0.1:" + iclientPort + "/", shots.resolve("iclient.png"));
        assertTrue(client.contains("iclient"), client);
        assertTrue(client.contains("testvol"), "the mounted volume is named: " + client);
        assertTrue(client.contains("Leases held"), client);
        assertTrue(client.matches("(?s).*bytesWritten\\s*[1-9]\\d*.*"), "bytes written counted: " + client);
        // And as a monitoring system scrapes it.
        var http = java.net.http.HttpClient.newHttpClient();
        String metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + iclientPort
                + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        for (String expected : List.of("iclient_fuse_op_duration_seconds_count{op=\"write\"}",
                "iclient_fuse_op_duration_seconds_count{op=\"create\"}", "iclient_swift_requests_total{verb=\"PUT\",status=\"2xx\"}",
                "iclient_bytes_written 300018", "iclient_leases_held ")) {
            assertTrue(metrics.contains(expected), "iclient /metrics lacks " + expected + ":\n" + metrics);
        }
        String imgrMetrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(imgr + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(imgrMetrics.contains("imgr_volume_mounts{volume=\"testvol\"} 1"), imgrMetrics);
        for (String png : List.of("imgr-volumes.png", "imgr-volume-testvol.png", "iclient.png")) {
            assertTrue(Files.size(shots.resolve(png)) > 1000, png + " is a real screenshot");
        }
    }

    /** Loads {@code url} in headless chromium, saves a screenshot, and returns the page's text. */
    private String render(Path chromium, String url, Path screenshot) throws Exception {
        Path profile = Files.createTempDirectory(dir, "chromium");
        List<String> common = List.of(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,1000");
        List<String> shot = new ArrayList<>(common);
        shot.addAll(List.of("--screenshot=" + screenshot, url));
        assertEquals(0, run(shot, dir.resolve("shot.log")), Files.readString(dir.resolve("shot.log")));
        List<String> dom = new ArrayList<>(common);
        dom.addAll(List.of("--dump-dom", url));
        Path out = dir.resolve("dom.html");
        assertEquals(0, run(dom, out), Files.readString(out));
        String html = Files.readString(out, StandardCharsets.UTF_8);
        return html.replaceAll("(?s)<script.*?</script>", " ").replaceAll("<[^>]+>", " ").replace("&nbsp;", " ")
                .replaceAll("[ \\t]+", " ");
    }

    private static int run(List<String> command, Path out) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish: " + command);
        }
        return p.exitValue();
    }
}
