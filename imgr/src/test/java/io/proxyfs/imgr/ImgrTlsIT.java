package io.proxyfs.imgr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.proxyfs.conf.ConfMap;
import io.proxyfs.imgrapi.ImgrMethods;
import io.proxyfs.imgrapi.MountRequest;
import io.proxyfs.imgrapi.MountResponse;
import io.proxyfs.imgrapi.VolumeStatusRequest;
import io.proxyfs.imgrapi.VolumeStatusResponse;
import io.proxyfs.iswift.SwiftAccount;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.retryrpc.RetryRpcClient;
import io.proxyfs.retryrpc.RetryRpcClientSettings;
import io.proxyfs.retryrpc.RetryRpcException;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.SwiftCredentials;
import io.proxyfs.swift.TempAuth;
import io.proxyfs.testing.LauncherCheck;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * imgr with {@code RetryRPCCertFilePath}/{@code RetryRPCKeyFilePath} set serves its RPCs over TLS:
 * a client trusting the CA ({@code RetryRPCCACertFilePath} on the iclient side) mounts; a client
 * trusting another CA (a second {@code scripts/mkcert.sh} run) and a client speaking plain TCP get nowhere. Certificates from {@code scripts/mkcert.sh}.
 */
@Timeout(120)
class ImgrTlsIT {
    @TempDir
    Path dir;

    private SwiftEmulator emulator;
    private Imgr imgr;

    @AfterEach
    void stop() {
        if (imgr != null) {
            imgr.stop();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void rpcsAreServedOverTlsOnly() throws Exception {
        Path certs = dir.resolve("certs");
        Process mkcert = new ProcessBuilder("sh", LauncherCheck.top().resolve("scripts/mkcert.sh").toString(),
                certs.toString()).redirectErrorStream(true).start();
        String out = new String(mkcert.getInputStream().readAllBytes());
        mkcert.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, mkcert.exitValue(), out);

        emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).start();
        SwiftClientSettings fast = new SwiftClientSettings(Duration.ofMillis(5), 2.0, 2, Duration.ofSeconds(10), 8);
        TempAuth auth = new TempAuth(emulator.authUrl(), SwiftAccount.DEFAULT.user(), SwiftAccount.DEFAULT.key(), fast);
        SwiftCredentials credentials = auth.current();
        try (SwiftClient swift = new SwiftClient(auth, fast)) {
            swift.createContainer("con");
        }
        int rpcPort = freePort();
        int httpPort = freePort();
        imgr = Imgr.start(ConfMap.load(LauncherCheck.top().resolve("imgr/dev.conf"), List.of(
                "IMGR.RetryRPCPort=" + rpcPort, "IMGR.HTTPServerPort=" + httpPort,
                "IMGR.RetryRPCCertFilePath=" + certs.resolve("server.pem"),
                "IMGR.RetryRPCKeyFilePath=" + certs.resolve("server-key.pem"),
                "IMGR.ServedVolumesFilePath=" + dir.resolve("served.json"))));
        String volume = "{\"StorageURL\":\"" + credentials.storageUrl() + "/con\",\"AuthToken\":\""
                + credentials.token() + "\"}";
        HttpClient http = HttpClient.newHttpClient();
        for (String[] call : new String[][] {{"POST", "/volume"}, {"PUT", "/volume/testvol"}}) {
            assertEquals(201, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + call[1]))
                    .method(call[0], BodyPublishers.ofString(volume)).build(), BodyHandlers.ofString()).statusCode());
        }

        try (RetryRpcClient tls = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", rpcPort)
                .withCaCertFile(certs.resolve("ca.pem")), p -> { }, (o, n) -> { })) {
            String mountId = tls.call(ImgrMethods.MOUNT, new MountRequest("testvol", credentials.token()),
                    MountResponse.class).mountID();
            assertEquals(1, tls.call(ImgrMethods.VOLUME_STATUS, new VolumeStatusRequest(mountId),
                    VolumeStatusResponse.class).numInodes());
        }
        Path otherCa = dir.resolve("other-ca");
        Process other = new ProcessBuilder("sh", LauncherCheck.top().resolve("scripts/mkcert.sh").toString(),
                otherCa.toString()).redirectErrorStream(true).start();
        String otherOut = new String(other.getInputStream().readAllBytes());
        other.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, other.exitValue(), otherOut);
        try (RetryRpcClient wrongCa = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", rpcPort)
                .withCaCertFile(otherCa.resolve("ca.pem")).withCallDeadline(Duration.ofSeconds(3)), p -> { },
                (o, n) -> { })) {
            assertThrows(RetryRpcException.class, () -> wrongCa.call(ImgrMethods.MOUNT,
                    new MountRequest("testvol", credentials.token()), MountResponse.class),
                    "a client trusting another CA does not accept imgr's certificate");
        }
        try (RetryRpcClient plain = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", rpcPort)
                .withCallDeadline(Duration.ofSeconds(3)), p -> { }, (o, n) -> { })) {
            assertThrows(RetryRpcException.class, () -> plain.call(ImgrMethods.MOUNT,
                    new MountRequest("testvol", credentials.token()), MountResponse.class));
        }
    }
}
