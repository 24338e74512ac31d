package dev.mtasts.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP server on 127.0.0.1 that misbehaves below HTTP, where {@link HttpsFixture} cannot: it accepts connections
 * and then never speaks TLS, or answers the TLS ClientHello with a fatal alert. For tests that the bot gives up on
 * such a peer within its deadline, with a clear finding, and holds nothing open afterwards.
 */
public final class HostileServer extends LoopbackServer {
    /** What the server does with each connection. */
    public enum Behaviour {
        /** Accepts, reads whatever arrives (the ClientHello) and never writes a byte. */
        SILENT,
        /** Reads the ClientHello and answers with a fatal {@code handshake_failure} alert, then closes. */
        TLS_ALERT
    }

    private static final byte[] HANDSHAKE_FAILURE_ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};

    private final Behaviour behaviour;

    private HostileServer(ServerSocket server, Behaviour behaviour) {
        super(server, "hostile-server");
        this.behaviour = behaviour;
        startAccepting();
    }

    /** Starts a server on an ephemeral loopback port. */
    public static HostileServer start(Behaviour behaviour) {
        requireNonNull(behaviour, "behaviour is null");
        try {
            return new HostileServer(bindLoopback(128), behaviour);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind a loopback port", e);
        }
    }

    @Override
    protected void serve(Socket socket) throws IOException {
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
    }
}
