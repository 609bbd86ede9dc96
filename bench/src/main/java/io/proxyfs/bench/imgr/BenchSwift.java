package io.proxyfs.bench.imgr;

import io.proxyfs.iswift.SwiftAccount;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.SwiftCredentials;
import io.proxyfs.swift.TempAuth;
import java.io.IOException;
import java.util.UUID;

/**
 * The Swift a benchmark runs against: either the project's in-process emulator (objects in
 * memory, served over loopback HTTP) or an external Swift reached through tempauth, with one
 * fresh container. {@link #close} empties and deletes the container and stops the emulator if
 * this object started it. Not thread-safe for setup and close; {@link #client} is thread-safe.
 */
final class BenchSwift implements AutoCloseable {
    private final String label;
    private final SwiftEmulator emulator;
    private final SwiftClient client;
    private final SwiftCredentials credentials;
    private final String container;

    private BenchSwift(String label, SwiftEmulator emulator, String authUrl, String user, String key)
            throws IOException {
        this.label = label;
        this.emulator = emulator;
        SwiftClientSettings settings = SwiftClientSettings.defaults();
        TempAuth auth = new TempAuth(authUrl, user, key, settings);
        this.credentials = auth.current();
        this.client = new SwiftClient(auth, settings);
        this.container = "imgrbench-" + UUID.randomUUID();
        if (!client.createContainer(container)) {
            client.close();
            throw new IOException("container " + container + " already existed");
        }
    }

    /** Starts an in-memory emulator on a free loopback port. */
    static BenchSwift emulator() throws IOException {
        SwiftEmulator emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).start();
        try {
            return new BenchSwift("emulator (in memory)", emulator, emulator.authUrl(), SwiftAccount.DEFAULT.user(),
                    SwiftAccount.DEFAULT.key());
        } catch (IOException | RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    /** An external Swift; fails if it does not answer or refuses the credentials. */
    static BenchSwift external(String authUrl, String user, String key) throws IOException {
        return new BenchSwift("Swift at " + authUrl, null, authUrl, user, key);
    }

    /** What to call this Swift in a table. */
    String label() {
        return label;
    }

    /** A client whose storage URL is the benchmark's account. */
    SwiftClient client() {
        return client;
    }

    /** The benchmark's container. */
    String container() {
        return container;
    }

    /** The URL of the benchmark's container, as imgr's format and serve take it. */
    String containerUrl() {
        return credentials.storageUrl() + "/" + container;
    }

    /** The account's token (never printed). */
    String token() {
        return credentials.token();
    }

    @Override
    public void close() throws IOException {
        try {
            if (emulator == null) {
                for (var o : client.listAllObjects(container)) {
                    client.deleteObject(container, o.name());
                }
                client.deleteContainer(container);
            }
        } finally {
            client.close();
            if (emulator != null) {
                emulator.close();
            }
        }
    }
}
