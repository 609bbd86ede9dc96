package io.proxyfs.imgr.check;

import io.proxyfs.ilayout.CheckPointV1;
import io.proxyfs.ilayout.LayoutConstants;
import io.proxyfs.ilayout.LayoutException;
import io.proxyfs.ilayout.SuperBlockV1;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads and decodes the checkpoint (object 0) and the superblock it names (the tail of its
 * object), recording both as references. A failure is reported as one problem and ends the check,
 * since nothing below can be found without them. Stateless apart from its collaborators.
 */
final class RootsReader {
    private final ContainerReader reader;
    private final ObjectUsage usage;
    private final Consumer<Problem> problems;

    RootsReader(ContainerReader reader, ObjectUsage usage, Consumer<Problem> problems) {
        this.reader = reader;
        this.usage = usage;
        this.problems = problems;
    }

    /** The checkpoint and superblock, or null when either is unusable (reported). */
    VolumeRoots read() {
        byte[] text;
        try {
            text = reader.checkPoint();
        } catch (IOException e) {
            if (ContainerReader.isNotFound(e)) {
                problems.accept(Problem.ofObject(ProblemKind.BAD_CHECKPOINT, LayoutConstants.CHECK_POINT_OBJECT_NUMBER,
                        "the container has no checkpoint (object 0): it holds no formatted volume"));
            } else {
                problems.accept(Problem.ofObject(ProblemKind.READ_FAILED, LayoutConstants.CHECK_POINT_OBJECT_NUMBER,
                        "could not read the checkpoint: " + e.getMessage()));
            }
            return null;
        }
        usage.reference(LayoutConstants.CHECK_POINT_OBJECT_NUMBER, 0, 0, Problem.NONE, "checkpoint");
        CheckPointV1 checkPoint;
        try {
            checkPoint = CheckPointV1.unmarshal(text);
        } catch (LayoutException e) {
            problems.accept(Problem.ofObject(ProblemKind.BAD_CHECKPOINT, LayoutConstants.CHECK_POINT_OBJECT_NUMBER,
                    "the checkpoint does not parse: " + e.getMessage()));
            return null;
        }
        long object = checkPoint.superBlockObjectNumber();
        long length = checkPoint.superBlockLength();
        usage.reference(object, 0, length, Problem.NONE, "superblock (" + length + " bytes at the object's end)");
        if (length < 1 || length > Integer.MAX_VALUE) {
            problems.accept(Problem.ofObject(ProblemKind.BAD_CHECKPOINT, LayoutConstants.CHECK_POINT_OBJECT_NUMBER,
                    "the checkpoint gives the superblock an impossible length " + Long.toUnsignedString(length)));
            return null;
        }
        byte[] tail;
        try {
            tail = reader.tail(object, length);
        } catch (IOException e) {
            if (ContainerReader.isNotFound(e)) {
                usage.reportedMissing(object);
                problems.accept(Problem.ofObject(ProblemKind.MISSING_OBJECT, object,
                        "the object holding the superblock named by the checkpoint is not in the container"));
            } else {
                problems.accept(Problem.ofObject(ProblemKind.READ_FAILED, object,
                        "could not read the superblock: " + e.getMessage()));
            }
            return null;
        }
        if (tail.length < length) {
            problems.accept(Problem.ofObject(ProblemKind.BEYOND_OBJECT_END, object, "the superblock is " + length
                    + " bytes long but its object holds only " + tail.length));
            return null;
        }
        try {
            return new VolumeRoots(text, checkPoint, SuperBlockV1.unmarshal(tail));
        } catch (LayoutException e) {
            problems.accept(Problem.ofObject(ProblemKind.BAD_SUPERBLOCK, object,
                    "the superblock does not decode: " + e.getMessage()));
            return null;
        }
    }
}
