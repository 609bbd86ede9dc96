package io.proxyfs.swift;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** Every socket the Swift client's factory makes has Nagle's algorithm off, however it is made. */
class NoDelaySocketFactoryTest {
    @Test
    void everySocketHasTcpNoDelay() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            InetAddress loopback = InetAddress.getLoopbackAddress();
            try (Socket unconnected = NoDelaySocketFactory.INSTANCE.createSocket();
                    Socket byName = NoDelaySocketFactory.INSTANCE.createSocket("127.0.0.1", port);
                    Socket byAddress = NoDelaySocketFactory.INSTANCE.createSocket(loopback, port)) {
                assertTrue(unconnected.getTcpNoDelay(), "the unconnected socket OkHttp asks for");
                assertTrue(byName.getTcpNoDelay());
                assertTrue(byAddress.getTcpNoDelay());
            }
        }
    }
}
