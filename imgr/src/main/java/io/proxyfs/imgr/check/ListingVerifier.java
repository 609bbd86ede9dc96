package io.proxyfs.imgr.check;

import io.proxyfs.ilayout.LayoutConstants;
import io.proxyfs.ilayout.LayoutException;
import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.swift.ObjectInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Compares the container's listing, streamed one page at a time, with what the volume references:
 * a referenced object shorter than its furthest reference runs past its end; a referenced object
 * the listing lacks (confirmed by a HEAD, since a listing may lag) is lost; an unreferenced object
 * is a crash orphan when the superblock lists it as pending delete or it is numbered after the
 * checkpoint's superblock object (written after the last checkpoint), else a leak; a name that is
 * not an object number is foreign. Memory: the set of referenced objects seen. Not thread-safe.
 */
final class ListingVerifier {
    /** What the listing held. */
    record Totals(long objects, long bytes) {
    }

    private final ContainerReader reader;
    private final ObjectUsage usage;
    private final VolumeRoots roots;
    private final Consumer<Problem> problems;
    private final boolean partial;

    /**
     * @param partial whether earlier stages found damage that may hide references (unreferenced
     *                objects are then still reported as leaks, saying they may belong to what could
     *                not be read)
     */
    ListingVerifier(ContainerReader reader, ObjectUsage usage, VolumeRoots roots, Consumer<Problem> problems,
            boolean partial) {
        this.reader = reader;
        this.usage = usage;
        this.roots = roots;
        this.problems = problems;
        this.partial = partial;
    }

    /** Lists the container and checks every object; a failing listing is an {@link IOException}. */
    Totals verify() throws IOException {
        Set<Long> pending = new HashSet<>(roots.superBlock().pendingDeleteObjectNumberArray());
        Set<Long> seen = new HashSet<>();
        long objects = 0;
        long bytes = 0;
        String marker = "";
        while (true) {
            List<ObjectInfo> page = reader.page(marker);
            if (page.isEmpty()) {
                break;
            }
            for (ObjectInfo o : page) {
                objects++;
                bytes += o.bytes();
                long number;
                try {
                    number = ObjectNames.numberOf(o.name());
                } catch (LayoutException e) {
                    problems.accept(Problem.ofVolume(ProblemKind.FOREIGN_OBJECT, "the container holds \"" + o.name()
                            + "\" (" + o.bytes() + " bytes), which is not an object name of the volume"));
                    continue;
                }
                if (usage.isReferenced(number)) {
                    seen.add(number);
                    present(number, o.bytes(), pending);
                } else {
                    unreferenced(number, o.bytes(), pending);
                }
            }
            marker = page.get(page.size() - 1).name();
        }
        List<Long> unseen = new ArrayList<>();
        for (long number : usage.objects()) {
            if (!seen.contains(number) && number != LayoutConstants.CHECK_POINT_OBJECT_NUMBER) {
                unseen.add(number);
            }
        }
        unseen.sort(Long::compareUnsigned);
        for (long number : unseen) {
            OptionalLong size = reader.size(number);
            if (size.isPresent()) {
                present(number, size.getAsLong(), pending);
            } else if (!usage.isReportedMissing(number)) {
                ObjectUsage.Reach r = usage.reachOf(number);
                problems.accept(Problem.ofInode(ProblemKind.MISSING_OBJECT, r.inode(), number,
                        "the container does not hold this object, referenced by the " + r.what()));
            }
        }
        return new Totals(objects, bytes);
    }

    private void present(long number, long size, Set<Long> pending) {
        ObjectUsage.Reach r = usage.reachOf(number);
        if (Long.compareUnsigned(r.end(), size) > 0) {
            problems.accept(Problem.ofInode(ProblemKind.BEYOND_OBJECT_END, r.inode(), number, "the " + r.what()
                    + " reaches byte " + Long.toUnsignedString(r.end()) + " but the object holds only " + size
                    + " bytes"));
        }
        if (pending.contains(number)) {
            problems.accept(Problem.ofInode(ProblemKind.REFERENCED_PENDING_DELETE, r.inode(), number,
                    "the superblock lists this object for deletion but the " + r.what() + " references it"));
        }
    }

    private void unreferenced(long number, long size, Set<Long> pending) {
        long superBlockObject = roots.checkPoint().superBlockObjectNumber();
        if (pending.contains(number)) {
            problems.accept(Problem.ofObject(ProblemKind.CRASH_ORPHAN, number, "unreferenced (" + size
                    + " bytes), listed as pending delete by the superblock: its deletion had not finished"));
        } else if (Long.compareUnsigned(number, superBlockObject) > 0) {
            String when = Long.compareUnsigned(number, roots.checkPoint().reservedToNonce()) > 0
                    ? "numbered above ReservedToNonce " + Long.toUnsignedString(roots.checkPoint().reservedToNonce())
                    : "numbered after the checkpoint's superblock object " + ObjectNames.nameOf(superBlockObject);
            problems.accept(Problem.ofObject(ProblemKind.CRASH_ORPHAN, number, "unreferenced (" + size + " bytes), "
                    + when + ": written after the last checkpoint and never referenced"));
        } else {
            problems.accept(Problem.ofObject(ProblemKind.LEAKED_OBJECT, number, "unreferenced (" + size
                    + " bytes) and neither pending delete nor newer than the checkpoint's superblock object "
                    + ObjectNames.nameOf(superBlockObject)
                    + (partial ? " (it may belong to metadata reported unreadable above)" : "")));
        }
    }
}
