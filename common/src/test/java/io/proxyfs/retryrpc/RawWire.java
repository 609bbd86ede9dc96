package io.proxyfs.retryrpc;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Test helper: speaks the wire protocol by hand, as a Go client would, byte for byte. */
final class RawWire implements AutoCloseable {
    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawWire(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Writes a header with the given fields, then the body. */
    void send(int length, int protocol, int version, int type, int magic, byte[] body) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(14);
        b.putInt(length).putShort((short) protocol).putShort((short) version).putShort((short) type).putInt(magic);
        out.write(b.array());
        out.write(body);
        out.flush();
    }

    void send(MessageType type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        send(b.length, 1, 1, type.code(), 0xCAFEFEED, b);
    }

    /** Reads a frame: {type, body}. */
    Object[] receive() throws IOException {
        int len = in.readInt();
        int protocol = in.readUnsignedShort();
        int version = in.readUnsignedShort();
        int type = in.readUnsignedShort();
        int magic = in.readInt();
        if (protocol != 1 || version != 1 || magic != 0xCAFEFEED) {
            throw new IOException("bad header from server");
        }
        byte[] body = in.readNBytes(len);
        return new Object[] {type, new String(body, StandardCharsets.UTF_8)};
    }

    long handshake() throws IOException {
        send(MessageType.ASK_MY_UNIQUE_ID, "");
        Object[] f = receive();
        if ((int) f[0] != MessageType.RETURN_UNIQUE_ID.code()) {
            throw new IOException("expected ReturnUniqueID");
        }
        return Long.parseUnsignedLong((String) f[1]);
    }

    /** Whether the server closed the connection (EOF within the socket timeout). */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
