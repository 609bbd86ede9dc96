package io.proxyfs.imgr.lease;

import java.util.ArrayList;
import java.util.List;

/** A {@link MountExpirer} that remembers which mounts it was told to expire. Thread-safe. */
final class RecordingMountExpirer implements MountExpirer {

    /** One expiry as reported. */
    record Expired(LeaseHolder holder, String reason) {}

    private final List<Expired> expired = new ArrayList<>();

    @Override
    public synchronized void expire(LeaseHolder holder, String reason) {
        expired.add(new Expired(holder, reason));
    }

    synchronized List<Expired> all() {
        return List.copyOf(expired);
    }

    synchronized List<LeaseHolder> holders() {
        return expired.stream().map(Expired::holder).toList();
    }
}
