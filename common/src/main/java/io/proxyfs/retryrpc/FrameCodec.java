package io.proxyfs.retryrpc;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Encodes and decodes the retryrpc frame: a 14-byte big-endian header — body length (u32),
 * protocol (u16, 1 = JSON), version (u16, 1), message type (u16), magic 0xCAFEFEED (u32) — then
 * the body, as in the original {@code ioHeader} of {@code retryrpc/api_internal.go}.
 *
 * <p>Stateless and thread-safe; the streams passed in must not be shared without the caller's
 * own locking.
 */
final class FrameCodec {
    static final int HEADER_BYTES = 14;
    static final int MAGIC = 0xCAFEFEED;
    static final int PROTOCOL_JSON = 1;
    static final int VERSION = 1;

    private FrameCodec() {
    }

    /** The header announcing a body of {@code bodyLength} bytes of type {@code type}. */
    static byte[] header(MessageType type, int bodyLength) {
        byte[] h = new byte[HEADER_BYTES];
        putU32(h, 0, bodyLength);
        putU16(h, 4, PROTOCOL_JSON);
        putU16(h, 6, VERSION);
        putU16(h, 8, type.code());
        putU32(h, 10, MAGIC);
        return h;
    }

    /** Writes header and body; the caller flushes. */
    static void write(OutputStream out, MessageType type, byte[] body) throws IOException {
        out.write(header(type, body.length));
        out.write(body);
    }

    /**
     * Reads one frame.
     *
     * @param in the stream, positioned at a frame boundary
     * @param maxBodyBytes the largest body accepted
     * @param frameStarted run once the first byte of the frame has arrived (used to time out a
     *        frame that stalls half-way); may be {@code null}
     * @return the frame, or {@code null} on end of stream at a frame boundary
     * @throws BadFrameException on a bad magic, a length above {@code maxBodyBytes}, or an
     *         unsupported protocol or version
     * @throws EOFException when the stream ends inside a frame
     */
    static Frame read(InputStream in, int maxBodyBytes, Runnable frameStarted) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        if (frameStarted != null) {
            frameStarted.run();
        }
        byte[] h = new byte[HEADER_BYTES];
        h[0] = (byte) first;
        readFully(in, h, 1, HEADER_BYTES - 1, "header");
        long length = getU32(h, 0);
        int protocol = getU16(h, 4);
        int version = getU16(h, 6);
        int type = getU16(h, 8);
        int magic = (int) getU32(h, 10);
        if (magic != MAGIC) {
            throw new BadFrameException(String.format("bad magic 0x%08X in frame header (want 0x%08X)", magic, MAGIC));
        }
        if (length > maxBodyBytes) {
            throw new BadFrameException("frame body of " + length + " bytes exceeds the limit of " + maxBodyBytes);
        }
        if (protocol != PROTOCOL_JSON) {
            throw new BadFrameException("unsupported payload protocol " + protocol + " (only 1 = JSON)");
        }
        if (version != VERSION) {
            throw new BadFrameException("unsupported protocol version " + version + " (only 1)");
        }
        byte[] body = new byte[(int) length];
        readFully(in, body, 0, body.length, "body");
        return new Frame(type, body);
    }

    private static void readFully(InputStream in, byte[] b, int off, int len, String what) throws IOException {
        int n = in.readNBytes(b, off, len);
        if (n != len) {
            throw new EOFException("connection closed inside a frame " + what + " (" + n + " of " + len + " bytes)");
        }
    }

    private static void putU16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static void putU32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    private static int getU16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    private static long getU32(byte[] b, int off) {
        return ((long) (b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8)
                | (b[off + 3] & 0xFF);
    }
}
