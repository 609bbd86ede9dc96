package io.proxyfs.ickpt;

import static io.proxyfs.ickpt.SwiftVolume.cp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.conf.ConfMap;
import io.proxyfs.conf.ConfException;
import io.proxyfs.ickptclient.IckptClientSettings;
import io.proxyfs.ickptclient.IckptException;
import io.proxyfs.ickptclient.IckptQuorum;
import io.proxyfs.testing.LauncherCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ickpt over HTTPS with scripts/mkcert.sh certificates; the quorum client trusts the CA; a client
 * trusting another CA (a second mkcert.sh run) and plain HTTP are refused, and what the refused
 * client tried to write is not there.
 */
@Timeout(120)
class IckptTlsIT {
    @TempDir
    Path dir;

    @Test
    void servesHttpsOnlyWhenAllThreeFilesAreSet() throws Exception {
        Path certs = dir.resolve("certs");
        Process mkcert = new ProcessBuilder("sh", LauncherCheck.top().resolve("scripts/mkcert.sh").toString(),
                certs.toString()).redirectErrorStream(true).start();
        String out = new String(mkcert.getInputStream().readAllBytes());
        assertTrue(mkcert.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, mkcert.exitValue(), out);

        Path otherCerts = dir.resolve("other-certs");
        Process other = new ProcessBuilder("sh", LauncherCheck.top().resolve("scripts/mkcert.sh").toString(),
                otherCerts.toString()).redirectErrorStream(true).start();
        String otherOut = new String(other.getInputStream().readAllBytes());
        assertTrue(other.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, other.exitValue(), otherOut);

        ConfMap plain = IckptInstances.conf(dir.resolve("db"), 0, Duration.ofSeconds(10));
        ConfException mixed = assertThrows(ConfException.class, () -> IckptConfig.from(
                plain.withOverride("ICKPT.CertFilePath=" + certs.resolve("server.pem"))));
        assertTrue(mixed.getMessage().contains("must all be set"), mixed.getMessage());

        ConfMap tls = plain.withOverrides(List.of("ICKPT.CertFilePath=" + certs.resolve("server.pem"),
                "ICKPT.KeyFilePath=" + certs.resolve("server-key.pem"), "ICKPT.CACertFilePath=" + certs.resolve("ca.pem")));
        try (SwiftVolume volume = new SwiftVolume()) {
            Ickpt ickpt = Ickpt.start(tls);
            try {
                String addr = "127.0.0.1:" + ickpt.port();
                try (IckptQuorum secure = new IckptQuorum(new IckptClientSettings(List.of(addr), 1, Optional.of(
                        certs.resolve("ca.pem")), Duration.ofMillis(10), 2.0, 0, Duration.ofSeconds(5), 4))) {
                    secure.write(volume.url(), volume.token, cp(5, 100).getBytes(StandardCharsets.US_ASCII));
                    assertEquals(cp(5, 100), new String(secure.read(volume.url(), volume.token).orElseThrow(),
                            StandardCharsets.US_ASCII));
                }
                try (IckptQuorum wrongCa = new IckptQuorum(new IckptClientSettings(List.of(addr), 1, Optional.of(
                        otherCerts.resolve("ca.pem")), Duration.ofMillis(10), 2.0, 0, Duration.ofSeconds(5), 4))) {
                    assertThrows(IckptException.class, () -> wrongCa.read(volume.url(), volume.token),
                            "a client trusting another CA does not accept ickpt's certificate");
                    assertThrows(IckptException.class, () -> wrongCa.write(volume.url(), volume.token,
                            cp(6, 200).getBytes(StandardCharsets.US_ASCII)));
                }
                try (IckptQuorum insecure = new IckptQuorum(new IckptClientSettings(List.of(addr), 1, Optional.empty(),
                        Duration.ofMillis(10), 2.0, 0, Duration.ofSeconds(5), 4))) {
                    assertThrows(IckptException.class, () -> insecure.read(volume.url(), volume.token));
                }
                try (IckptQuorum secure = new IckptQuorum(new IckptClientSettings(List.of(addr), 1, Optional.of(
                        certs.resolve("ca.pem")), Duration.ofMillis(10), 2.0, 0, Duration.ofSeconds(5), 4))) {
                    assertEquals(cp(5, 100), new String(secure.read(volume.url(), volume.token).orElseThrow(),
                            StandardCharsets.US_ASCII), "the refused write changed nothing");
                }
            } finally {
                ickpt.stop();
            }
        }
    }
}
