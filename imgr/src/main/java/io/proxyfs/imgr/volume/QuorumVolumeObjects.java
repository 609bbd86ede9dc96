package io.proxyfs.imgr.volume;

import io.proxyfs.ickptclient.IckptQuorum;
import io.proxyfs.ilayout.LayoutConstants;
import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.swift.SwiftException;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * A volume's objects with its checkpoint kept by an ickpt cluster ({@code [IMGR]
 * CheckPointIPAddrs}): every object but the checkpoint is Swift's; the checkpoint is read only
 * from the ickpt majority (the newest it holds, or Swift's object 0 where it holds none), so an
 * eventually consistent Swift cannot hand imgr a stale one; it is written to object 0 first, as
 * the original does, and then to the majority — and only the majority's commit makes the write
 * return. Formatting first deletes what ickpt holds for the container (a container emptied by
 * idestroy and formatted again starts over). Thread-safe (its parts are).
 */
public final class QuorumVolumeObjects implements VolumeObjects {
    private static final String CHECK_POINT = ObjectNames.nameOf(LayoutConstants.CHECK_POINT_OBJECT_NUMBER);

    private final VolumeObjects swift;
    private final IckptQuorum quorum;
    private final String checkPointUrl;
    private final Supplier<String> token;

    /**
     * @param swift the volume's objects in Swift
     * @param quorum the ickpt cluster
     * @param containerUrl the volume's container URL
     * @param token the volume's current Swift token (ickpt authorizes each request with it)
     */
    public QuorumVolumeObjects(VolumeObjects swift, IckptQuorum quorum, String containerUrl, Supplier<String> token) {
        this.swift = swift;
        this.quorum = quorum;
        this.checkPointUrl = containerUrl + "/" + CHECK_POINT;
        this.token = token;
    }

    @Override
    public void put(long objectNumber, byte[] bytes) throws IOException {
        swift.put(objectNumber, bytes);
    }

    @Override
    public byte[] getRange(long objectNumber, long offset, long length) throws IOException {
        return swift.getRange(objectNumber, offset, length);
    }

    @Override
    public byte[] getTail(long objectNumber, long length) throws IOException {
        return swift.getTail(objectNumber, length);
    }

    @Override
    public boolean delete(long objectNumber) throws IOException {
        return swift.delete(objectNumber);
    }

    @Override
    public byte[] readCheckPoint() throws IOException {
        return quorum.read(checkPointUrl, token.get()).orElseThrow(() -> new SwiftException(
                "no checkpoint for " + checkPointUrl + " in ickpt or in Swift", "GET", CHECK_POINT, 404));
    }

    @Override
    public void writeCheckPoint(byte[] text) throws IOException {
        swift.writeCheckPoint(text);
        quorum.write(checkPointUrl, token.get(), text);
    }

    @Override
    public void formatCheckPoint(byte[] text) throws IOException {
        quorum.delete(checkPointUrl, token.get());
        writeCheckPoint(text);
    }
}
