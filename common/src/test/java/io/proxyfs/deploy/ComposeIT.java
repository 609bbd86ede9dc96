package io.proxyfs.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Brings up {@code docker-compose.yml} (swift, ickpt, imgr, mkmount, iclient) with Testcontainers
 * and runs a short file workload through the iclient container's FUSE mount at {@code /mnt}; then
 * checks that imgr's status page lists the volume and its mount. Needs a Docker engine: where none
 * exists the test is skipped and says so (the development machines of this project have none;
 * {@link DeploymentFilesTest} checks the files there).
 */
@Timeout(1800)
class ComposeIT {
    @Test
    void aFileWorkloadRunsThroughTheIclientContainer() throws Exception {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (!docker) {
            System.out.println("ComposeIT: skipped: no Docker engine on this machine");
        }
        Assumptions.assumeTrue(docker, "no Docker engine on this machine: ComposeIT skipped");

        File compose = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent()
                .resolve("docker-compose.yml").toFile();
        try (ComposeContainer env = new ComposeContainer(compose)
                .withBuild(true)
                .withExposedService("imgr", 15346, Wait.forHttp("/version").withStartupTimeout(Duration.ofMinutes(5)))
                .withExposedService("iclient", 15347, Wait.forHttp("/version").withStartupTimeout(Duration.ofMinutes(5)))) {
            env.start();
            ContainerState iclient = env.getContainerByServiceName("iclient").orElseThrow();
            ExecResult work = iclient.execInContainer("sh", "-c",
                    "set -e; mkdir -p /mnt/d; dd if=/dev/urandom of=/mnt/d/big bs=1M count=8 2>/dev/null;"
                            + " sha256sum /mnt/d/big > /tmp/sum; echo hello > /mnt/d/small; mv /mnt/d/small /mnt/d/moved;"
                            + " sync; sha256sum -c /tmp/sum; cat /mnt/d/moved; ls /mnt/d");
            assertEquals(0, work.getExitCode(), work.getStdout() + work.getStderr());
            assertTrue(work.getStdout().contains("/mnt/d/big: OK"), work.getStdout());
            assertTrue(work.getStdout().contains("hello"), work.getStdout());

            String imgr = "http://" + env.getServiceHost("imgr", 15346) + ":" + env.getServicePort("imgr", 15346);
            String volumes = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(imgr + "/volume")).build(),
                    BodyHandlers.ofString()).body();
            assertTrue(volumes.contains("\"testvol\""), volumes);
            assertTrue(volumes.contains("\"HealthyMounts\":1") || volumes.contains("\"HealthyMounts\" : 1"), volumes);
        }
    }
}
