package io.proxyfs.imgr.check;

import io.proxyfs.ilayout.LayoutConstants;
import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.swift.ObjectInfo;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftException;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;

/**
 * The volume's container as the checker reads it: objects by number (whole, a range, a tail),
 * their sizes, the listing one page at a time, and deletion (for {@code --scrub} only). Failures
 * are {@link IOException}s naming the object ({@link SwiftException} from the client).
 * Thread-safe (the Swift client is).
 */
public final class ContainerReader {
    /** Objects per listing page. */
    static final int PAGE = SwiftClient.MAX_LISTING_LIMIT;

    private final SwiftClient swift;
    private final String container;

    /**
     * @param swift     a client whose storage URL is the volume's account
     * @param container the volume's container
     */
    public ContainerReader(SwiftClient swift, String container) {
        this.swift = swift;
        this.container = container;
    }

    /** The container's name. */
    public String container() {
        return container;
    }

    /** Whether the container exists. */
    public boolean exists() throws IOException {
        try {
            swift.headContainer(container);
            return true;
        } catch (SwiftException e) {
            if (e.isNotFound()) {
                return false;
            }
            throw e;
        }
    }

    /** The checkpoint's text bytes (object 0). */
    public byte[] checkPoint() throws IOException {
        return swift.getObject(container, ObjectNames.nameOf(LayoutConstants.CHECK_POINT_OBJECT_NUMBER));
    }

    /** {@code length} bytes of an object from {@code offset}; may be short if the object is. */
    public byte[] range(long objectNumber, long offset, long length) throws IOException {
        return swift.getObjectRange(container, ObjectNames.nameOf(objectNumber), offset, length);
    }

    /** The last {@code length} bytes of an object; may be short if the object is. */
    public byte[] tail(long objectNumber, long length) throws IOException {
        return swift.getObjectTail(container, ObjectNames.nameOf(objectNumber), length);
    }

    /** The object's size, or empty when the container does not hold it. */
    public OptionalLong size(long objectNumber) throws IOException {
        try {
            return OptionalLong.of(swift.headObject(container, ObjectNames.nameOf(objectNumber)).length());
        } catch (SwiftException e) {
            if (e.isNotFound()) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    /** One listing page: objects whose names sort after {@code marker} (empty: from the start). */
    public List<ObjectInfo> page(String marker) throws IOException {
        return swift.listObjects(container, marker, PAGE);
    }

    /** Deletes an object; false when it was already gone. */
    public boolean delete(long objectNumber) throws IOException {
        return swift.deleteObject(container, ObjectNames.nameOf(objectNumber));
    }

    /** Whether {@code e} (or its cause) says the object does not exist. */
    static boolean isNotFound(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SwiftException s && s.isNotFound()) {
                return true;
            }
        }
        return false;
    }
}
