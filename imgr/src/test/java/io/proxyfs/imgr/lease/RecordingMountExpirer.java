package io.proxyfs.imgr.lease;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A {@link MountExpirer} that remembers which mounts it was told to expire. Thread-safe. */
final class RecordingMountExpirer implements MountExpirer {

    /** One expiry as reported. */
    record Expired(LeaseHolder holder, String reason) {}

    private final List<Expired> expired = new ArrayList<>();
    private volatile Consumer<LeaseHolder> andThen = holder -> { };

    @Override
    public void expire(LeaseHolder holder, String reason) {
        synchronized (this) {
            expired.add(new Expired(holder, reason));
        }
        andThen.accept(holder);
    }

    /** Also does {@code action} for each expired holder, as the imgr layer would (e.g. drop the mount). */
    void andThen(Consumer<LeaseHolder> action) {
        andThen = action;
    }

    synchronized List<Expired> all() {
        return List.copyOf(expired);
    }

    synchronized List<LeaseHolder> holders() {
        return expired.stream().map(Expired::holder).toList();
    }
}
