package io.proxyfs.idestroy;

import java.time.Duration;

/**
 * What one run of idestroy did. Immutable.
 *
 * @param container       the container emptied
 * @param deleted         objects this run deleted
 * @param alreadyGone     objects listed but already gone when deleted (404)
 * @param remaining       objects a final listing still showed (0 when the container is empty)
 * @param bytesReported   bytes the container reported before the run
 * @param elapsed         wall time of the run
 */
public record DestroySummary(String container, long deleted, long alreadyGone, long remaining, long bytesReported,
        Duration elapsed) {

    /** One line for people. */
    public String describe() {
        String rate = elapsed.toMillis() > 0 ? String.format(" (%.0f objects/s)", deleted * 1000.0 / elapsed.toMillis()) : "";
        String tail = remaining == 0 ? "; container " + container + " is empty"
                : "; " + remaining + " objects still listed (Swift listings lag deletes; run idestroy again)";
        return "deleted " + deleted + " objects" + (alreadyGone > 0 ? " (" + alreadyGone + " were already gone)" : "")
                + " in " + String.format("%.1f s", elapsed.toMillis() / 1000.0) + rate + tail;
    }
}
