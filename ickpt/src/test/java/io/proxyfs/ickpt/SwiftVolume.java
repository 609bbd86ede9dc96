package io.proxyfs.ickpt;

import io.proxyfs.iswift.SwiftAccount;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.swift.ObjectInfo;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.SwiftCredentials;
import io.proxyfs.swift.TempAuth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * For tests: the in-process Swift emulator on loopback with one container whose object 0 holds a
 * checkpoint, and the X-Storage-Url and token that name it. Closes everything it made.
 */
final class SwiftVolume implements AutoCloseable {
    static final String FORMATTED = "0000000000000001 0000000000000003 0000000000000060 0000000000000003";

    final SwiftEmulator emulator;
    final SwiftClient swift;
    final String token;
    final String accountUrl;
    final String container;

    final String empty;

    /** On the in-process emulator. */
    SwiftVolume() throws IOException {
        this(null);
    }

    /** On the Swift that authenticates at {@code authUrl} (test:tester / testing), or on the emulator if null. */
    SwiftVolume(String authUrl) throws IOException {
        emulator = authUrl == null ? SwiftEmulator.builder().host("127.0.0.1").port(0).start() : null;
        SwiftClientSettings fast = new SwiftClientSettings(Duration.ofMillis(5), 2.0, 1, Duration.ofSeconds(10), 8);
        TempAuth auth = new TempAuth(authUrl == null ? emulator.authUrl() : authUrl, SwiftAccount.DEFAULT.user(),
                SwiftAccount.DEFAULT.key(), fast);
        SwiftCredentials credentials = auth.current();
        token = credentials.token();
        accountUrl = credentials.storageUrl();
        swift = new SwiftClient(auth, fast);
        String unique = authUrl == null ? "" : "-" + java.util.UUID.randomUUID();
        container = "vol" + unique;
        empty = "empty" + unique;
        swift.createContainer(container);
        swift.createContainer(empty);
        swift.putObject(container, "0000000000000000", FORMATTED.getBytes(StandardCharsets.US_ASCII));
    }

    /** The X-Storage-Url of the volume's checkpoint object. */
    String url() {
        return accountUrl + "/" + container + "/0000000000000000";
    }

    /** The X-Storage-Url of a container without a checkpoint. */
    String emptyUrl() {
        return accountUrl + "/" + empty + "/0000000000000000";
    }

    /** A checkpoint text with these numbers. */
    static String cp(long superBlock, long reserved) {
        return String.format("%016X %016X %016X %016X", 1, superBlock, 0x60, reserved);
    }

    @Override
    public void close() throws IOException {
        for (String c : new String[] {container, empty}) {
            for (ObjectInfo o : swift.listAllObjects(c)) {
                swift.deleteObject(c, o.name());
            }
            swift.deleteContainer(c);
        }
        swift.close();
        if (emulator != null) {
            emulator.close();
        }
    }
}
