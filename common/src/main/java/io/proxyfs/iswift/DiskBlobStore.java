package io.proxyfs.iswift;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Keeps object bytes in files under {@code <root>/<account>/<container>/<object>}, each name
 * URL-encoded (with {@code .} encoded too, so no name is {@code .} or {@code ..}). A PUT writes a
 * temporary file in the container's folder and renames it into place atomically, so a crash
 * leaves either the old or the new object, never a torn one; stray temporary files are removed
 * at start. Names longer than the file system allows (255 bytes once encoded) are refused.
 * Thread-safe: every operation is a single file-system call on distinct paths.
 */
final class DiskBlobStore implements BlobStore {
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path root;

    DiskBlobStore(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace(".", "%2E").replace("*", "%2A");
    }

    private static String decode(String fileName) {
        return URLDecoder.decode(fileName, StandardCharsets.UTF_8);
    }

    private Path containerDir(String account, String container) {
        return root.resolve(encode(account)).resolve(encode(container));
    }

    @Override
    public void createContainer(String account, String container) throws IOException {
        Files.createDirectories(containerDir(account, container));
    }

    @Override
    public void deleteContainer(String account, String container) throws IOException {
        Files.deleteIfExists(containerDir(account, container));
    }

    @Override
    public PendingBlob write(String account, String container, String object, InputStream in, long sizeHint)
            throws IOException {
        Path dir = containerDir(account, container);
        Path target = dir.resolve(encode(object));
        Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
        long length;
        try (OutputStream out = Files.newOutputStream(temp)) {
            length = in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return new PendingBlob() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public Blob commit() throws IOException {
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("file system under " + root + " cannot rename atomically", e);
                }
                return new FileBlob(target, length);
            }

            @Override
            public void abort() {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // Removed at the next start instead.
                }
            }
        };
    }

    @Override
    public void delete(String account, String container, String object) throws IOException {
        try {
            Files.delete(containerDir(account, container).resolve(encode(object)));
        } catch (NoSuchFileException e) {
            // Already gone: the goal is reached.
        }
    }

    @Override
    public void load(LoadSink sink) throws IOException {
        try (DirectoryStream<Path> accounts = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path accountDir : accounts) {
                String account = decode(accountDir.getFileName().toString());
                try (DirectoryStream<Path> containers = Files.newDirectoryStream(accountDir, Files::isDirectory)) {
                    for (Path containerDir : containers) {
                        String container = decode(containerDir.getFileName().toString());
                        sink.container(account, container);
                        loadObjects(sink, account, container, containerDir);
                    }
                }
            }
        }
    }

    private static void loadObjects(LoadSink sink, String account, String container, Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, Files::isRegularFile)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                if (fileName.startsWith(TEMP_PREFIX)) {
                    Files.deleteIfExists(file);
                    continue;
                }
                sink.object(account, container, decode(fileName), new FileBlob(file, Files.size(file)),
                        Files.getLastModifiedTime(file).toInstant());
            }
        }
    }
}
