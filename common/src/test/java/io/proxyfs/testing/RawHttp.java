package io.proxyfs.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * For tests that feed HTTP servers bad input: one raw HTTP/1.1 request written on a new loopback
 * connection exactly as given (invalid methods, undecodable paths, lying {@code Content-Length}),
 * and the whole response read back as ISO-8859-1 text. No HTTP client sits in between to tidy the
 * request up. Stateless; thread-safe.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** Sends the request with a truthful {@code Content-Length}; the response, or "" if the server reset the connection. */
    public static String send(int port, String method, String target, List<String> headers, byte[] body)
            throws IOException {
        return send(port, method, target, headers, body, -1);
    }

    /**
     * Sends the request declaring {@code declaredLength} bytes of body (and writing at most that
     * many) when it is not negative; the response, or "" if the server reset the connection.
     */
    public static String send(int port, String method, String target, List<String> headers, byte[] body,
            long declaredLength) throws IOException {
        long length = declaredLength >= 0 ? declaredLength : body.length;
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method).append(' ').append(target)
                    .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            for (String h : headers) {
                head.append(h).append("\r\n");
            }
            head.append("Content-Length: ").append(length).append("\r\n\r\n");
            OutputStream out = s.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(body, 0, (int) Math.min(length, body.length));
                out.flush();
            } catch (IOException closedEarly) {
                // The server may answer and close before reading an oversized or refused body.
            }
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (SocketException reset) {
            return "";
        }
    }

    /** The status code of a response, or 0 if it is not an HTTP/1.1 response. */
    public static int status(String response) {
        if (!response.startsWith("HTTP/1.1 ") || response.length() < 12) {
            return 0;
        }
        return Integer.parseInt(response.substring(9, 12));
    }

    /** The body of a response (after the blank line), or "" if there is none. */
    public static String body(String response) {
        int end = response.indexOf("\r\n\r\n");
        return end < 0 ? "" : response.substring(end + 4);
    }

    /** One line describing a request and its answer, for a failure message. */
    public static String describe(String method, String target, String response) {
        String first = response.lines().findFirst().orElse("(no response)");
        String tail = body(response);
        return method + " " + target.substring(0, Math.min(target.length(), 80)) + " -> " + first + " "
                + tail.substring(0, Math.min(tail.length(), 200)).replace("\r\n", " ");
    }
}
