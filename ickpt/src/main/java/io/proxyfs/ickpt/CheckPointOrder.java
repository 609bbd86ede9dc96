package io.proxyfs.ickpt;

import io.proxyfs.httpstatus.HttpError;
import io.proxyfs.ilayout.CheckPointV1;
import io.proxyfs.ilayout.LayoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The rule that keeps a stale imgr from rolling a volume back: a new checkpoint is accepted only
 * if neither its {@code ReservedToNonce} nor its superblock object number is below the committed
 * one's (unsigned). The very same text again is accepted (a retried write); the same two numbers
 * with other text are refused, as they would name a different superblock. Stateless.
 */
final class CheckPointOrder {
    /** The largest checkpoint body accepted (the text is 67 bytes). */
    static final int MAX_BODY = 1024;

    private CheckPointOrder() {
    }

    /** Parses a staged body; a 400 with the reason if it is not a version-1 checkpoint. */
    static CheckPointV1 parse(byte[] body) throws HttpError {
        if (body.length == 0) {
            throw new HttpError(400, "empty body: PUT needs the checkpoint text");
        }
        if (body.length > MAX_BODY) {
            throw new HttpError(413, "body of " + body.length + " bytes is not a checkpoint (at most " + MAX_BODY + ")");
        }
        try {
            return CheckPointV1.unmarshal(body);
        } catch (LayoutException e) {
            throw new HttpError(400, "body is not a CheckPointV1: " + e.getMessage());
        }
    }

    /** Refuses (409) {@code staged} if it is not newer than {@code committed}. */
    static void requireNotOlder(String volume, byte[] staged, Optional<byte[]> committed) throws HttpError {
        if (committed.isEmpty()) {
            return;
        }
        CheckPointV1 now;
        try {
            now = CheckPointV1.unmarshal(committed.get());
        } catch (LayoutException e) {
            return; // what is stored is not a checkpoint (never written by this ickpt): replaceable
        }
        CheckPointV1 next = parse(staged);
        if (Long.compareUnsigned(next.reservedToNonce(), now.reservedToNonce()) < 0
                || Long.compareUnsigned(next.superBlockObjectNumber(), now.superBlockObjectNumber()) < 0) {
            throw new HttpError(409, "stale checkpoint for " + volume + ": \"" + text(staged)
                    + "\" is older than the committed \"" + text(committed.get()) + "\"");
        }
        if (next.reservedToNonce() == now.reservedToNonce()
                && next.superBlockObjectNumber() == now.superBlockObjectNumber()
                && !Arrays.equals(staged, committed.get())) {
            throw new HttpError(409, "conflicting checkpoint for " + volume + ": \"" + text(staged)
                    + "\" has the numbers of the committed \"" + text(committed.get()) + "\" but differs");
        }
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII).strip();
    }
}
