package dev.mtasts.testing;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lifecycle every loopback server of the test kit shares: a listening TCP socket on 127.0.0.1, one virtual thread
 * per accepted connection, counters, and a {@link #close()} that stops accepting, cuts every open connection at once
 * and waits for the workers. Subclasses only say how to serve one connection.
 */
public abstract class LoopbackServer implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(LoopbackServer.class.getName());

    private final ServerSocket server;
    private final String name;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean closed;

    /** Takes over {@code server}, already bound to a loopback address; call {@link #startAccepting()} once ready. */
    protected LoopbackServer(ServerSocket server, String name) {
        this.server = requireNonNull(server, "server is null");
        this.name = requireNonNull(name, "name is null");
    }

    /** A server socket on 127.0.0.1 with a free port. */
    protected static ServerSocket bindLoopback(int backlog) throws IOException {
        return new ServerSocket(0, backlog, Loopback.ADDRESS);
    }

    /** Starts the accept loop; subclasses call it once everything {@link #serve} needs is in place. */
    protected final void startAccepting() {
        Thread.ofVirtual().name(name + "-" + port()).start(this::accept);
    }

    /** Serves one accepted connection; the socket is closed (and forgotten) when this returns or throws. */
    protected abstract void serve(Socket socket) throws IOException;

    /** Called by {@link #close()} after the listening socket closed and before connections are cut. */
    protected void onClose() {}

    /** The port to connect to on the server's loopback address. */
    public int port() {
        return server.getLocalPort();
    }

    /** The server's loopback address (127.0.0.1 unless it was bound to another) and {@link #port()}. */
    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), port());
    }

    /** Connections accepted so far. */
    public final int accepted() {
        return accepted.get();
    }

    /** Connections still open on the server's side (the client has not hung up yet). */
    public final int openConnections() {
        open.removeIf(Socket::isClosed);
        return open.size();
    }

    protected final boolean isClosed() {
        return closed;
    }

    /** Runs background work of the server (delayed answers and the like) on its workers, cancelled by close. */
    protected final void execute(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException exception) {
            // closed: the work is abandoned, as close promises
        }
    }

    /** Stops the server and cuts every open connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(server);
        onClose();
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
        }
    }

    protected static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                open.add(socket);
                try {
                    workers.execute(() -> serveAndClose(socket));
                } catch (RejectedExecutionException exception) {
                    closeQuietly(socket);
                }
            } catch (IOException exception) {
                if (!closed) {
                    LOGGER.log(System.Logger.Level.WARNING, name + " accept failed", exception);
                }
            }
        }
    }

    private void serveAndClose(Socket socket) {
        try (socket) {
            serve(socket);
        } catch (IOException exception) {
            // the client hung up, or the server closed
        } finally {
            open.remove(socket);
        }
    }
}
