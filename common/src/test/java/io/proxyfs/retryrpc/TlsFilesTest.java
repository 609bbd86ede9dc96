package io.proxyfs.retryrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsFilesTest {
    @TempDir
    Path dir;

    @Test
    void loadsWhatMkcertWrites() throws Exception {
        TestCerts certs = TestCerts.create(dir);
        assertEquals("EC", PemFiles.readPrivateKey(certs.key()).getAlgorithm());
        assertEquals(1, PemFiles.readCertificates(certs.cert()).size());
        assertNotNull(TlsContexts.server(certs.cert(), certs.key()));
        assertNotNull(TlsContexts.client(certs.ca()));
    }

    @Test
    void loadsTraditionalRsaAndEcKeys() throws Exception {
        Path rsa = dir.resolve("rsa.pem");
        TestCerts.run(List.of("openssl", "genrsa", "-traditional", "-out", rsa.toString(), "2048"));
        assertTrue(Files.readString(rsa).contains("BEGIN RSA PRIVATE KEY"));
        assertEquals("RSA", PemFiles.readPrivateKey(rsa).getAlgorithm());

        Path ec = dir.resolve("ec.pem");
        TestCerts.run(List.of("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-out", ec.toString()));
        assertTrue(Files.readString(ec).contains("BEGIN EC PRIVATE KEY"));
        assertEquals("EC", PemFiles.readPrivateKey(ec).getAlgorithm());
    }

    @Test
    void reportsMissingOrBrokenFilesWithTheirPath() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        IOException e = assertThrows(IOException.class, () -> PemFiles.readCertificates(empty));
        assertTrue(e.getMessage().contains("empty.pem"), e.getMessage());
        e = assertThrows(IOException.class, () -> PemFiles.readPrivateKey(empty));
        assertTrue(e.getMessage().contains("empty.pem"), e.getMessage());
    }

    @Test
    void aKeyWithoutACertificateIsAConfigurationError() {
        RetryRpcServerSettings base = RetryRpcServerSettings.defaults("127.0.0.1", 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> base.withTls(null, dir.resolve("k.pem")));
        assertTrue(e.getMessage().contains("RetryRPCKeyFilePath is set"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> base.withTls(dir.resolve("c.pem"), null));
        assertTrue(e.getMessage().contains("RetryRPCCertFilePath is set"), e.getMessage());
    }

    @Test
    void clientRefusesAServerItsCaDidNotSignAndPlainClientsAreCutOff() throws Exception {
        TestCerts good = TestCerts.create(dir.resolve("good"));
        TestCerts other = TestCerts.create(dir.resolve("other"));
        EchoService service = new EchoService();
        RetryRpcServer server = new RetryRpcServer(RetryRpcServerSettings.defaults("127.0.0.1", 0)
                .withTls(good.cert(), good.key()), service.registry());
        server.start();
        try (RetryRpcClient wrongCa = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", server.port())
                .withCaCertFile(other.ca()).withBackoffCap(java.time.Duration.ofMillis(100)), null, null);
                RetryRpcClient plain = new RetryRpcClient(RetryRpcClientSettings.defaults("127.0.0.1", server.port())
                        .withBackoffCap(java.time.Duration.ofMillis(100)), null, null)) {
            CallTimeoutException e = assertThrows(CallTimeoutException.class, () -> wrongCa.call("Echo",
                    new EchoService.EchoRequest("x", "x", 0), EchoService.EchoReply.class, java.time.Duration.ofMillis(700)));
            assertTrue(e.getMessage().contains("could not be reached"), e.getMessage());
            assertTrue(wrongCa.stats().get(RetryRpcClient.STAT_DIAL_FAILURES) > 0);
            assertThrows(CallTimeoutException.class, () -> plain.call("Echo",
                    new EchoService.EchoRequest("y", "y", 0), EchoService.EchoReply.class, java.time.Duration.ofMillis(700)));
            assertTrue(service.executions.isEmpty());
        } finally {
            server.close();
            service.close();
        }
    }

    @Test
    void defaultsAreTheOriginals() {
        RetryRpcServerSettings s = RetryRpcServerSettings.defaults("127.0.0.1", 32356);
        assertEquals(java.time.Duration.ofMinutes(10), s.ttlCompleted());
        assertEquals(java.time.Duration.ofMillis(100), s.ackTrim());
        assertEquals(java.time.Duration.ofSeconds(60), s.deadlineIO());
        assertEquals(java.time.Duration.ofSeconds(60), s.keepAlivePeriod());
    }
}
