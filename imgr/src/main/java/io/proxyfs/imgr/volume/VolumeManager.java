package io.proxyfs.imgr.volume;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proxyfs.ickptclient.IckptQuorum;
import io.proxyfs.ilayout.LayoutConstants;
import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.swift.ContainerUrl;
import io.proxyfs.swift.FixedTokenAuth;
import io.proxyfs.swift.SwiftAuthException;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.SwiftException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The volumes imgr serves: formats containers, serves and unserves volumes by name, and keeps the
 * served set in a small state file (mode 0600, written atomically) so that a restarted imgr serves
 * again what it served before, with no second {@code PUT /volume} (the original keeps it in memory
 * only). Thread-safe: all methods synchronize on the manager.
 */
public final class VolumeManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeManager.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHECK_POINT = ObjectNames.nameOf(LayoutConstants.CHECK_POINT_OBJECT_NUMBER);

    /** One entry of the state file: what {@code PUT /volume/<name>} said. */
    record Served(String name, String storageUrl, String authToken) {
    }

    /** A served volume: its container, its client and, once open, its metadata and checkpointer. */
    private static final class Entry {
        final Served served;
        final ContainerUrl location;
        final FixedTokenAuth auth;
        final SwiftClient swift;
        Volume volume;
        CheckPointer checkPointer;

        Entry(Served served, ContainerUrl location, FixedTokenAuth auth, SwiftClient swift) {
            this.served = served;
            this.location = location;
            this.auth = auth;
            this.swift = swift;
        }
    }

    private final SwiftClientSettings swiftSettings;
    private final VolumeSettings volumeSettings;
    private final Duration checkPointInterval;
    private final ExecutorService deleter;
    private final Optional<Path> stateFile;
    private final Optional<IckptQuorum> ickpt;
    private final Map<String, Entry> volumes = new LinkedHashMap<>();
    private volatile io.proxyfs.swift.SwiftRequestObserver swiftObserver = io.proxyfs.swift.SwiftRequestObserver.NONE;
    private final List<java.util.function.Consumer<String>> unserveListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Tells {@code observer} about the Swift requests of every volume served from now on (and of
     * those already served, whose clients are observed from their next request).
     */
    public synchronized void observeSwift(io.proxyfs.swift.SwiftRequestObserver observer) {
        swiftObserver = java.util.Objects.requireNonNull(observer, "observer");
        for (Entry e : volumes.values()) {
            e.swift.observe(observer);
        }
    }

    /** A served volume whose metadata is loaded: what imgr's RPCs work on. */
    public record OpenVolume(String name, Volume volume, CheckPointer checkPointer) {
    }

    /**
     * Restores the volumes listed in {@code stateFile}, if it exists; a volume that cannot be
     * opened now (Swift down, token expired) is still served and opened at its first mount.
     */
    public VolumeManager(SwiftClientSettings swiftSettings, VolumeSettings volumeSettings, Duration checkPointInterval,
            ExecutorService deleter, Optional<Path> stateFile) throws IOException {
        this(swiftSettings, volumeSettings, checkPointInterval, deleter, stateFile, Optional.empty());
    }

    /**
     * The same, with each volume's checkpoint kept by the ickpt cluster {@code ickpt} when present
     * (see {@link QuorumVolumeObjects}); the caller closes the cluster's client after this manager.
     */
    public VolumeManager(SwiftClientSettings swiftSettings, VolumeSettings volumeSettings, Duration checkPointInterval,
            ExecutorService deleter, Optional<Path> stateFile, Optional<IckptQuorum> ickpt) throws IOException {
        this.ickpt = ickpt;
        this.swiftSettings = swiftSettings;
        this.volumeSettings = volumeSettings;
        this.checkPointInterval = checkPointInterval;
        this.deleter = deleter;
        this.stateFile = stateFile;
        if (stateFile.isPresent() && Files.exists(stateFile.get())) {
            List<Served> restored;
            try {
                restored = JSON.readValue(stateFile.get().toFile(), new TypeReference<List<Served>>() { });
            } catch (IOException e) {
                throw new IOException("served-volumes state file " + stateFile.get() + " is unreadable: "
                        + e.getMessage(), e);
            }
            for (Served s : restored) {
                Entry entry;
                try {
                    entry = entry(s);
                } catch (VolumeAdminException e) {
                    throw new IOException("served-volumes state file " + stateFile.get() + ": volume " + s.name()
                            + ": " + e.getMessage(), e);
                }
                volumes.put(s.name(), entry);
                if (!s.authToken().isEmpty()) {
                    try {
                        openEntry(entry);
                    } catch (IOException e) {
                        LOG.warn("volume {} served again but not opened yet: {}", s.name(), e.getMessage());
                    }
                }
                LOG.info("volume {} served again from {}", s.name(), stateFile.get());
            }
        }
    }

    /**
     * Formats the container named by {@code storageUrl}: refuses a container that does not exist
     * or already holds a volume (the original silently overwrites it).
     */
    public void format(String storageUrl, String authToken, int inodeTableMaxKeys, int rootDirMaxKeys)
            throws VolumeAdminException {
        ContainerUrl location = location(storageUrl);
        if (authToken == null || authToken.isEmpty()) {
            throw new VolumeAdminException(VolumeAdminException.Reason.BAD_REQUEST, "AuthToken is missing");
        }
        try (SwiftClient swift = new SwiftClient(new FixedTokenAuth(authToken, location.storageUrl()), swiftSettings)
                .observe(swiftObserver)) {
            try {
                swift.headContainer(location.container());
            } catch (SwiftException e) {
                throw storageProblem("container " + location.container(), e);
            }
            if (exists(swift, location.container(), CHECK_POINT)) {
                throw new VolumeAdminException(VolumeAdminException.Reason.CONFLICT, "container "
                        + location.container() + " already holds a volume (object " + CHECK_POINT
                        + " exists); serve it, or empty the container with idestroy first");
            }
            FormattedVolume f = VolumeFormatter.format(inodeTableMaxKeys, rootDirMaxKeys,
                    System.currentTimeMillis() * 1_000_000L);
            VolumeObjects objects = objects(swift, location, () -> authToken);
            objects.put(f.rootDirObjectNumber(), f.rootDirObject());
            objects.put(f.superBlockObjectNumber(), f.superBlockObject());
            objects.formatCheckPoint(f.checkPoint().toText().getBytes(StandardCharsets.US_ASCII));
            LOG.info("formatted {}", location.toString());
        } catch (IOException e) {
            throw storageProblem("formatting " + location.toString(), e);
        }
    }

    /**
     * Serves a formatted volume under {@code name}. With an AuthToken its metadata is opened now
     * (refusing an unformatted container); without one, at its first mount.
     */
    public synchronized void serve(String name, String storageUrl, String authToken) throws VolumeAdminException {
        if (name == null || name.isEmpty() || name.contains("/")) {
            throw new VolumeAdminException(VolumeAdminException.Reason.BAD_REQUEST, "bad volume name: " + name);
        }
        if (volumes.containsKey(name)) {
            throw new VolumeAdminException(VolumeAdminException.Reason.CONFLICT, "volume " + name
                    + " is already served");
        }
        ContainerUrl location = location(storageUrl);
        for (Entry e : volumes.values()) {
            if (e.location.toString().equals(location.toString())) {
                throw new VolumeAdminException(VolumeAdminException.Reason.CONFLICT, location.toString()
                        + " is already served as volume " + e.served.name());
            }
        }
        Entry entry = entry(new Served(name, location.toString(), authToken == null ? "" : authToken));
        if (!entry.served.authToken().isEmpty()) {
            try {
                openEntry(entry);
            } catch (IOException e) {
                entry.swift.close();
                throw storageProblem("volume " + name, e);
            }
        }
        volumes.put(name, entry);
        saveState();
        LOG.info("serving volume {} ({})", name, location.toString());
    }

    /** Stops serving a volume: writes a last checkpoint, then forgets it (the container is untouched). */
    public void unserve(String name) throws VolumeAdminException {
        synchronized (this) {
            if (!volumes.containsKey(name)) {
                throw new VolumeAdminException(VolumeAdminException.Reason.NOT_FOUND, "volume " + name
                        + " is not served");
            }
        }
        unserveListeners.forEach(l -> l.accept(name));
        unserveLocked(name);
    }

    private synchronized void unserveLocked(String name) throws VolumeAdminException {
        Entry entry = volumes.remove(name);
        if (entry == null) {
            throw new VolumeAdminException(VolumeAdminException.Reason.NOT_FOUND, "volume " + name + " is not served");
        }
        closeEntry(entry);
        saveState();
        LOG.info("no longer serving volume {}", name);
    }

    /**
     * The served volume {@code name}, its metadata loaded (with {@code authToken}, which also
     * becomes the token its checkpoints and deletes use from now on), or empty if not served.
     */
    public synchronized Optional<OpenVolume> open(String name, String authToken) throws IOException {
        Entry entry = volumes.get(name);
        if (entry == null) {
            return Optional.empty();
        }
        entry.auth.replace(authToken);
        if (entry.volume == null) {
            openEntry(entry);
        }
        return Optional.of(new OpenVolume(name, entry.volume, entry.checkPointer));
    }

    /**
     * Whether Swift accepts {@code authToken} for the served volume {@code name} (a HEAD of its
     * checkpoint). A 404 counts as accepted: Swift authorised the request before looking for the
     * object, and a real Swift under load answers 404 for a moment while the checkpoint is being
     * overwritten (seen by LoadIT: the client's next RPC failed, an EIO in the application).
     */
    public boolean accepts(String name, String authToken) throws IOException {
        Entry entry;
        synchronized (this) {
            entry = volumes.get(name);
            if (entry == null) {
                return false;
            }
        }
        SwiftClient probe = entry.swift.withAuth(new FixedTokenAuth(authToken, entry.location.storageUrl()));
        try {
            probe.headObject(entry.location.container(), CHECK_POINT);
            return true;
        } catch (SwiftAuthException e) {
            return false;
        } catch (io.proxyfs.swift.SwiftException e) {
            if (e.status() == 404) {
                return true;
            }
            throw e;
        }
    }

    /**
     * The objects of the served volume {@code name} as Swift holds them, read with
     * {@code authToken} when it is not empty (the original's {@code X-Auth-Token} override on
     * {@code GET /volume/<name>}), else with the volume's own token; empty if not served. For
     * status pages, which show what is durable.
     */
    public Optional<VolumeObjects> durableObjects(String name, String authToken) {
        Entry entry;
        synchronized (this) {
            entry = volumes.get(name);
        }
        if (entry == null) {
            return Optional.empty();
        }
        FixedTokenAuth auth = authToken.isEmpty() ? entry.auth
                : new FixedTokenAuth(authToken, entry.location.storageUrl());
        return Optional.of(objects(entry.swift.withAuth(auth), entry.location, () -> auth.current().token()));
    }

    /** Calls {@code listener} with a volume's name just before it stops being served. */
    public void onUnserve(java.util.function.Consumer<String> listener) {
        unserveListeners.add(listener);
    }

    /** The served volumes, in the order they were served. */
    public synchronized List<VolumeInfo> list() {
        List<VolumeInfo> out = new ArrayList<>();
        for (Entry e : volumes.values()) {
            out.add(info(e));
        }
        return out;
    }

    /** One served volume. */
    public synchronized Optional<VolumeInfo> get(String name) {
        Entry e = volumes.get(name);
        return e == null ? Optional.empty() : Optional.of(info(e));
    }

    /** Writes a last checkpoint of every open volume and closes their clients; the state file stays. */
    @Override
    public synchronized void close() {
        for (Entry e : volumes.values()) {
            closeEntry(e);
        }
        volumes.clear();
    }

    private Entry entry(Served served) throws VolumeAdminException {
        ContainerUrl location = location(served.storageUrl());
        FixedTokenAuth auth = new FixedTokenAuth(served.authToken().isEmpty() ? "-" : served.authToken(),
                location.storageUrl());
        return new Entry(served, location, auth, new SwiftClient(auth, swiftSettings).observe(swiftObserver));
    }

    private void openEntry(Entry entry) throws IOException {
        Volume volume = Volume.open(entry.served.name(), objects(entry.swift, entry.location,
                () -> entry.auth.current().token()), volumeSettings, deleter);
        entry.volume = volume;
        entry.checkPointer = new CheckPointer(volume, checkPointInterval);
    }

    /** A volume's objects: in Swift, with the checkpoint also kept by ickpt when configured. */
    private VolumeObjects objects(SwiftClient swift, ContainerUrl location, java.util.function.Supplier<String> token) {
        VolumeObjects inSwift = new SwiftVolumeObjects(swift, location.container());
        return ickpt.<VolumeObjects>map(q -> new QuorumVolumeObjects(inSwift, q, location.toString(), token))
                .orElse(inSwift);
    }

    private static void closeEntry(Entry entry) {
        if (entry.checkPointer != null) {
            entry.checkPointer.close();
        }
        entry.swift.close();
    }

    private static VolumeInfo info(Entry e) {
        return new VolumeInfo(e.served.name(), e.served.storageUrl(), e.volume != null,
                e.volume == null ? Optional.empty() : Optional.of(e.volume.status()),
                e.checkPointer == null ? 0 : e.checkPointer.checkPoints());
    }

    private void saveState() throws VolumeAdminException {
        if (stateFile.isEmpty()) {
            return;
        }
        Path file = stateFile.get();
        List<Served> served = volumes.values().stream().map(e -> e.served).toList();
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            JSON.writeValue(tmp.toFile(), served);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new VolumeAdminException(VolumeAdminException.Reason.STORAGE,
                    "cannot write the served-volumes state file " + file + ": " + e.getMessage(), e);
        }
    }

    private static ContainerUrl location(String storageUrl) throws VolumeAdminException {
        try {
            return ContainerUrl.parse(storageUrl);
        } catch (IllegalArgumentException e) {
            throw new VolumeAdminException(VolumeAdminException.Reason.BAD_REQUEST, e.getMessage());
        }
    }

    private static boolean exists(SwiftClient swift, String container, String object) throws IOException {
        try {
            swift.headObject(container, object);
            return true;
        } catch (SwiftException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    private static VolumeAdminException storageProblem(String what, IOException e) {
        if (e instanceof SwiftException s && s.isNotFound()) {
            return new VolumeAdminException(VolumeAdminException.Reason.CONFLICT, what + " does not exist or is not"
                    + " a formatted volume (" + s.getMessage() + ")", e);
        }
        if (e instanceof SwiftAuthException) {
            return new VolumeAdminException(VolumeAdminException.Reason.STORAGE, what
                    + ": the AuthToken was rejected by Swift", e);
        }
        return new VolumeAdminException(VolumeAdminException.Reason.STORAGE, what + ": " + e.getMessage(), e);
    }
}
