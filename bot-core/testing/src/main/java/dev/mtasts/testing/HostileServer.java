package dev.mtasts.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on 127.0.0.1 that misbehaves below HTTP, where {@link HttpsFixture} cannot: it accepts connections
 * and then never speaks TLS, or answers the TLS ClientHello with a fatal alert. For tests that the bot gives up on
 * such a peer within its deadline, with a clear finding, and holds nothing open afterwards.
 */
public final class HostileServer implements AutoCloseable {
    /** What the server does with each connection. */
    public enum Behaviour {
        /** Accepts, reads whatever arrives (the ClientHello) and never writes a byte. */
        SILENT,
        /** Reads the ClientHello and answers with a fatal {@code handshake_failure} alert, then closes. */
        TLS_ALERT
    }

    private static final byte[] HANDSHAKE_FAILURE_ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean closed;

    private HostileServer(ServerSocket server, Behaviour behaviour) {
        this.server = server;
        this.behaviour = behaviour;
        Thread.ofVirtual().name("hostile-server-" + server.getLocalPort()).start(this::accept);
    }

    /** Starts a server on an ephemeral loopback port. */
    public static HostileServer start(Behaviour behaviour) {
        requireNonNull(behaviour, "behaviour is null");
        try {
            return new HostileServer(new ServerSocket(0, 128, Loopback.ADDRESS), behaviour);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind a loopback port", e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(Loopback.ADDRESS, port());
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections still open on the server's side (the client has not hung up yet). */
    public int open() {
        connections.removeIf(Socket::isClosed);
        return connections.size();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                connections.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream input = socket.getInputStream();
            byte[] buffer = new byte[4096];
            switch (behaviour) {
                case SILENT -> {
                    while (input.read(buffer) >= 0) {
                        // swallow everything, answer nothing
                    }
                }
                case TLS_ALERT -> {
                    if (input.read(buffer) > 0) {
                        OutputStream output = socket.getOutputStream();
                        output.write(HANDSHAKE_FAILURE_ALERT);
                        output.flush();
                    }
                }
            }
        } catch (IOException e) {
            // the client hung up
        } finally {
            connections.remove(socket);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // nothing to do
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}
