package io.proxyfs.imgr.volume;

import io.proxyfs.ilayout.LayoutConstants;
import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.swift.SwiftClient;
import java.io.IOException;

/**
 * A volume's objects in its Swift container: object {@code n} is named by
 * {@link ObjectNames#nameOf(long)}, the checkpoint is object 0. Thread-safe (the Swift client is).
 */
public final class SwiftVolumeObjects implements VolumeObjects {
    private static final String CHECK_POINT = ObjectNames.nameOf(LayoutConstants.CHECK_POINT_OBJECT_NUMBER);

    private final SwiftClient swift;
    private final String container;

    /**
     * @param swift a client whose storage URL is the volume's account
     * @param container the volume's container
     */
    public SwiftVolumeObjects(SwiftClient swift, String container) {
        this.swift = swift;
        this.container = container;
    }

    @Override
    public void put(long objectNumber, byte[] bytes) throws IOException {
        swift.putObject(container, ObjectNames.nameOf(objectNumber), bytes);
    }

    @Override
    public byte[] getRange(long objectNumber, long offset, long length) throws IOException {
        return swift.getObjectRange(container, ObjectNames.nameOf(objectNumber), offset, length);
    }

    @Override
    public byte[] getTail(long objectNumber, long length) throws IOException {
        return swift.getObjectTail(container, ObjectNames.nameOf(objectNumber), length);
    }

    @Override
    public boolean delete(long objectNumber) throws IOException {
        return swift.deleteObject(container, ObjectNames.nameOf(objectNumber));
    }

    @Override
    public byte[] readCheckPoint() throws IOException {
        return swift.getObject(container, CHECK_POINT);
    }

    @Override
    public void writeCheckPoint(byte[] text) throws IOException {
        swift.putObject(container, CHECK_POINT, text);
    }
}
