package io.proxyfs.retryrpc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files without third-party libraries: X.509 certificates ({@code CERTIFICATE}) through
 * {@link CertificateFactory}, and unencrypted private keys through {@link KeyFactory} in the forms
 * openssl writes — PKCS#8 ({@code PRIVATE KEY}: RSA, EC, Ed25519, RSASSA-PSS), PKCS#1
 * ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}); the last two are rewrapped as
 * PKCS#8. {@code scripts/mkcert.sh} writes PKCS#8 EC keys.
 *
 * <p>Stateless and thread-safe.
 */
final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final byte[] OID_RSA_ENCRYPTION = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01};
    private static final byte[] OID_EC_PUBLIC_KEY = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};

    private PemFiles() {
    }

    /** Every certificate in the file, in file order; fails when there is none. */
    static List<X509Certificate> readCertificates(Path file) throws IOException {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(file)) {
                if (b.label.equals("CERTIFICATE")) {
                    certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der)));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot parse certificate in " + file + ": " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IOException("no PEM CERTIFICATE block in " + file);
        }
        return certs;
    }

    /** The first private key in the file. */
    static PrivateKey readPrivateKey(Path file) throws IOException {
        for (Block b : blocks(file)) {
            switch (b.label) {
                case "PRIVATE KEY":
                    return pkcs8(file, b.der, "RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS");
                case "RSA PRIVATE KEY":
                    return pkcs8(file, wrapPkcs8(OID_RSA_ENCRYPTION, new byte[] {0x05, 0x00}, b.der), "RSA");
                case "EC PRIVATE KEY":
                    return pkcs8(file, wrapPkcs8(OID_EC_PUBLIC_KEY, sec1CurveOid(file, b.der), b.der), "EC");
                case "ENCRYPTED PRIVATE KEY":
                    throw new IOException("encrypted private key in " + file + " is not supported; write it unencrypted");
                default:
                    break;
            }
        }
        throw new IOException("no PEM private key block (PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY) in " + file);
    }

    private record Block(String label, byte[] der) {
    }

    private static List<Block> blocks(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IOException("bad base64 in PEM block " + m.group(1) + " of " + file, e);
            }
        }
        return out;
    }

    private static PrivateKey pkcs8(Path file, byte[] der, String... algorithms) throws IOException {
        GeneralSecurityException last = null;
        for (String alg : algorithms) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new IOException("cannot decode private key in " + file + " as " + String.join("/", algorithms), last);
    }

    /** PKCS#8 PrivateKeyInfo: SEQUENCE { INTEGER 0, SEQUENCE { OID, params }, OCTET STRING key }. */
    private static byte[] wrapPkcs8(byte[] algorithmOid, byte[] parameters, byte[] key) {
        byte[] algId = der(0x30, concat(der(0x06, algorithmOid), parameters));
        return der(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algId, der(0x04, key)));
    }

    /**
     * The curve OID (as a complete DER element) from the {@code [0] parameters} field of a SEC1
     * ECPrivateKey: SEQUENCE { INTEGER 1, OCTET STRING, [0] OID OPTIONAL, [1] BIT STRING OPTIONAL }.
     */
    private static byte[] sec1CurveOid(Path file, byte[] der) throws IOException {
        DerReader seq = new DerReader(der).enter(0x30);
        seq.skip(0x02);
        seq.skip(0x04);
        while (seq.hasMore()) {
            if (seq.peekTag() == 0xA0) {
                DerReader params = seq.enter(0xA0);
                return params.element(0x06);
            }
            seq.skipAny();
        }
        throw new IOException("EC PRIVATE KEY in " + file + " names no curve; write it as PKCS#8 (openssl pkcs8 -topk8 -nocrypt)");
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >>> 8);
            out.write(len);
        } else {
            out.write(0x83);
            out.write(len >>> 16);
            out.write(len >>> 8);
            out.write(len);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Just enough of a DER reader to walk a SEC1 key. Not thread-safe; used by one call. */
    private static final class DerReader {
        private final byte[] b;
        private int pos;
        private final int end;

        DerReader(byte[] b) {
            this(b, 0, b.length);
        }

        private DerReader(byte[] b, int start, int end) {
            this.b = b;
            this.pos = start;
            this.end = end;
        }

        boolean hasMore() {
            return pos < end;
        }

        int peekTag() throws IOException {
            need(1);
            return b[pos] & 0xFF;
        }

        DerReader enter(int tag) throws IOException {
            int[] hl = header(tag);
            DerReader inner = new DerReader(b, hl[0], hl[0] + hl[1]);
            pos = hl[0] + hl[1];
            return inner;
        }

        byte[] element(int tag) throws IOException {
            int start = pos;
            int[] hl = header(tag);
            pos = hl[0] + hl[1];
            byte[] e = new byte[pos - start];
            System.arraycopy(b, start, e, 0, e.length);
            return e;
        }

        void skip(int tag) throws IOException {
            int[] hl = header(tag);
            pos = hl[0] + hl[1];
        }

        void skipAny() throws IOException {
            skip(peekTag());
        }

        /** Reads tag and length; returns {content start, content length}. */
        private int[] header(int tag) throws IOException {
            need(2);
            if ((b[pos] & 0xFF) != tag) {
                throw new IOException(String.format("malformed DER: tag 0x%02X where 0x%02X expected", b[pos] & 0xFF, tag));
            }
            pos++;
            int len = b[pos++] & 0xFF;
            if (len >= 0x80) {
                int n = len & 0x7F;
                if (n == 0 || n > 3) {
                    throw new IOException("malformed DER: unsupported length form");
                }
                need(n);
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (b[pos++] & 0xFF);
                }
            }
            if (len > end - pos) {
                throw new IOException("malformed DER: element runs past its container");
            }
            return new int[] {pos, len};
        }

        private void need(int n) throws IOException {
            if (end - pos < n) {
                throw new IOException("malformed DER: truncated");
            }
        }
    }
}
