package io.proxyfs.ickpt;

import static io.proxyfs.ickpt.SwiftVolume.cp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.ickptclient.IckptClientSettings;
import io.proxyfs.ickptclient.IckptException;
import io.proxyfs.ickptclient.IckptQuorum;
import io.proxyfs.ickptclient.IckptStaleException;
import io.proxyfs.testing.RealSwift;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 3-instance ickpt cluster whose requests are authorized by a real Swift
 * ({@code scripts/swift-aio.sh}) and by the emulator: Swift's object 0 until ickpt holds one,
 * writes, the 409 rule, a refused token, a container without a checkpoint.
 */
@Timeout(120)
class IckptOnSwiftIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"emulator", "real-swift"})
    void quorumOnSwift(String backend) throws Exception {
        if (backend.equals("real-swift")) {
            RealSwift.require();
        }
        try (SwiftVolume volume = new SwiftVolume(backend.equals("real-swift") ? RealSwift.AUTH_URL : null);
                IckptInstances cluster = new IckptInstances(dir, 3, Duration.ofSeconds(10));
                IckptQuorum quorum = new IckptQuorum(new IckptClientSettings(cluster.addresses(), 33123,
                        Optional.empty(), Duration.ofMillis(20), 2.0, 1, Duration.ofSeconds(10), 8))) {
            assertEquals(SwiftVolume.FORMATTED, text(quorum.read(volume.url(), volume.token).orElseThrow()));
            quorum.write(volume.url(), volume.token, cp(5, 100).getBytes(StandardCharsets.US_ASCII));
            assertEquals(cp(5, 100), text(quorum.read(volume.url(), volume.token).orElseThrow()));
            assertThrows(IckptStaleException.class, () -> quorum.write(volume.url(), volume.token,
                    cp(5, 99).getBytes(StandardCharsets.US_ASCII)));
            IckptException refused = assertThrows(IckptException.class,
                    () -> quorum.write(volume.url(), "AUTH_tk" + "0".repeat(32), cp(6, 100).getBytes(StandardCharsets.US_ASCII)));
            assertTrue(refused.getMessage().contains("401"), refused.getMessage());
            assertEquals(Optional.empty(), quorum.read(volume.emptyUrl(), volume.token));
            assertEquals(cp(5, 100), text(quorum.read(volume.url(), volume.token).orElseThrow()));
        }
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
