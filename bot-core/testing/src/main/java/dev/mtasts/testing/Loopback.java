package dev.mtasts.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The IPv4 loopback address the fixtures listen on, whatever the JVM prefers. */
final class Loopback {
    static final InetAddress ADDRESS = address();

    private Loopback() {}

    private static InetAddress address() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException exception) {
            throw new IllegalStateException(exception);
        }
    }
}
