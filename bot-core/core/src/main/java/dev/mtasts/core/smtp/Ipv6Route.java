package dev.mtasts.core.smtp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Whether this machine has a route to the IPv6 internet: a UDP socket is "connected" to a global IPv6 address, which
 * asks the kernel for a route and sends nothing.
 */
final class Ipv6Route {
    /** A global unicast address (a public resolver); nothing is sent to it. */
    private static final byte[] PROBE_TARGET = {
        0x20, 0x01, 0x48, 0x60, 0x48, 0x60, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0x88, (byte) 0x88
    };

    private Ipv6Route() {}

    /** Asks once, on first use, and remembers the answer for the life of the engine. */
    static BooleanSupplier detectOnce() {
        return new BooleanSupplier() {
            private volatile @Nullable Boolean known;

            @Override
            public boolean getAsBoolean() {
                Boolean value = known;
                if (value == null) {
                    value = detect();
                    known = value;
                }
                return value;
            }
        };
    }

    static boolean detect() {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByAddress(PROBE_TARGET), 53));
            return socket.isConnected()
                    && !socket.getLocalAddress().isAnyLocalAddress()
                    && !socket.getLocalAddress().isLinkLocalAddress();
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return false;
        }
    }
}
