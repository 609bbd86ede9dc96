package io.proxyfs.imgr.check;

import io.proxyfs.ilayout.ObjectNames;
import java.io.IOException;
import java.util.Arrays;

/**
 * Deletes the crash orphans a complete, clean check found — nothing else. Before deleting it
 * re-verifies: the checkpoint must still be byte for byte what the check read (else something is
 * writing the volume), and each orphan must still be unreferenced by the checked metadata. Each
 * deletion is recorded in the report. Not thread-safe.
 */
final class Scrubber {
    private final ContainerReader reader;
    private final ObjectUsage usage;
    private final VolumeRoots roots;

    Scrubber(ContainerReader reader, ObjectUsage usage, VolumeRoots roots) {
        this.reader = reader;
        this.usage = usage;
        this.roots = roots;
    }

    void scrub(CheckReport report) throws IOException, ScrubRefusedException {
        if (roots == null || !report.complete()) {
            throw new ScrubRefusedException("not scrubbing: the check could not read the whole volume");
        }
        if (!report.clean()) {
            throw new ScrubRefusedException("not scrubbing: the volume has " + report.problems().size()
                    + " problems; orphans are told apart from referenced objects only on a consistent volume");
        }
        for (Problem orphan : report.orphans()) {
            byte[] now = reader.checkPoint();
            if (!Arrays.equals(now, roots.checkPointBytes())) {
                throw new ScrubRefusedException("stopped scrubbing: the checkpoint changed since the check "
                        + "(is imgr serving the volume?); run icheck again with the volume not served");
            }
            long object = orphan.object();
            if (usage.isReferenced(object)) {
                throw new IllegalStateException("object " + ObjectNames.nameOf(object)
                        + " is referenced but was found an orphan");
            }
            boolean existed = reader.delete(object);
            report.deleted("object " + ObjectNames.nameOf(object) + (existed ? "" : " (already gone)") + ": "
                    + orphan.message());
        }
    }
}
