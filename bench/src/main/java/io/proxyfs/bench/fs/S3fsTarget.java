package io.proxyfs.bench.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Peer (e): {@code s3fs} (Debian's) mounting a bucket of the same Swift through its S3 API (the
 * {@code s3api} middleware in {@code scripts/swift-aio.sh}'s proxy pipeline, with tempauth: access
 * key "account:user", secret the user's key; path-style URLs), otherwise s3fs's defaults, in the
 * foreground as the benchmark's own process. s3fs uploads a file when it is flushed (close,
 * fsync); {@link #makeDurable} is {@code sync -f} and the unmount, as for rclone. Not thread-safe.
 */
final class S3fsTarget implements Target {
    private final Caches caches;
    private final Path mountPoint;
    private final String bucket;
    private final FuseProcess s3fs;

    S3fsTarget(Daemons daemons, Teardown teardown, Caches caches, Path work, SwiftService swift) throws Exception {
        this.caches = caches;
        this.mountPoint = Files.createDirectories(work.resolve("s3fs-mnt"));
        this.bucket = swift.newContainer("s3fs", teardown);
        // The keys go by environment, not a password file: s3fs would read the access key's ':' as
        // the separator of a bucket-qualified line.
        this.s3fs = new FuseProcess(daemons, teardown, "s3fs", mountPoint, List.of("s3fs", bucket, mountPoint.toString(),
                "-f", "-o", "url=" + swift.baseUrl(), "-o", "use_path_request_style", "-o", "dbglevel=warn"),
                Map.of("AWSACCESSKEYID", SwiftService.USER, "AWSSECRETACCESSKEY", SwiftService.KEY));
        s3fs.mount();
    }

    /** s3fs's version, for the report. */
    static String version() {
        try {
            String v = Commands.run(10, Map.of(), List.of("s3fs", "--version")).output();
            return v.lines().filter(l -> l.contains("V")).findFirst().orElse("s3fs").replace("Amazon Simple Storage Service File System ", "s3fs ").trim();
        } catch (IOException e) {
            return "s3fs (version unknown)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "s3fs (version unknown)";
        }
    }

    @Override
    public String name() {
        return "s3fs";
    }

    @Override
    public String description() {
        return "peer: " + version() + " of bucket " + bucket + " through Swift's s3api (path-style, tempauth keys) on "
                + mountPoint + ", defaults otherwise; durable = sync -f, unmounted";
    }

    @Override
    public Path root() {
        return mountPoint;
    }

    @Override
    public void makeCold() throws Exception {
        s3fs.unmount();
        caches.drop();
        s3fs.mount();
    }

    @Override
    public void makeDurable() throws Exception {
        Commands.check(600, "sync", "-f", mountPoint.toString());
        s3fs.unmount();
    }

    @Override
    public void reopen() throws Exception {
        if (!s3fs.mounted()) {
            s3fs.mount();
        }
    }
}
