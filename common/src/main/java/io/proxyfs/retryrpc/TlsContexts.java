package io.proxyfs.retryrpc;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the {@link SSLContext}s of the two sides from PEM files: the server's from its
 * certificate chain ({@code RetryRPCCertFilePath}) and private key ({@code RetryRPCKeyFilePath}),
 * the client's from the CA certificate(s) it trusts ({@code RetryRPCCACertFilePath}). As in the
 * original there are no client certificates.
 *
 * <p>Stateless and thread-safe; the contexts returned are thread-safe.
 */
public final class TlsContexts {
    private static final char[] IN_MEMORY_PASSWORD = "retryrpc".toCharArray();

    private TlsContexts() {
    }

    /**
     * The server context.
     *
     * @param certFile PEM with the server certificate first, then any intermediates
     * @param keyFile PEM with the matching private key
     * @throws IOException naming the file when one cannot be read or does not match
     */
    public static SSLContext server(Path certFile, Path keyFile) throws IOException {
        List<X509Certificate> chain = PemFiles.readCertificates(certFile);
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", key, IN_MEMORY_PASSWORD, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, IN_MEMORY_PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use certificate " + certFile + " with key " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * The client context, trusting exactly the certificates in {@code caFile}.
     *
     * @throws IOException naming the file when it cannot be read
     */
    public static SSLContext client(Path caFile) throws IOException {
        List<X509Certificate> cas = PemFiles.readCertificates(caFile);
        try {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                ts.setCertificateEntry("ca" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use CA certificate " + caFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * A trust manager trusting exactly the certificates in {@code caFile} (what an OkHttp client
     * needs beside {@link #client}'s socket factory).
     *
     * @throws IOException naming the file when it cannot be read
     */
    public static javax.net.ssl.X509TrustManager trustManager(Path caFile) throws IOException {
        List<X509Certificate> cas = PemFiles.readCertificates(caFile);
        try {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                ts.setCertificateEntry("ca" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            for (javax.net.ssl.TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof javax.net.ssl.X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IOException("no X.509 trust manager for CA certificate " + caFile);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use CA certificate " + caFile + ": " + e.getMessage(), e);
        }
    }
}
