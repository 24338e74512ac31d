package dev.mtasts.core.net;

import static java.util.Objects.requireNonNull;

import dev.mtasts.spi.HttpsResponse;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.TlsDetails;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Fetches one HTTPS resource the way RFC 8461 §3.3 wants a policy fetched: to an address the guard already approved
 * (no second resolution), SNI set to the host, redirects never followed, no HTTP cache, connect/read/total timeouts,
 * and the body capped: reading stops past the cap. The handshake accepts any certificate so that the verdict, made
 * by {@link CertificateVerifier}, can report expired, untrusted and wrong-name certificates as distinct findings.
 *
 * <p>One HTTP/1.1 GET with {@code Connection: close} over a JDK {@link SSLSocket} ({@link Http11Response} reads the
 * answer): no connection pool, no dispatcher and no shared lock, so fetches in flight never wait for each other.
 */
public final class HttpsFetcher {
    private static final String USER_AGENT = "mtasts-checker/0.1 (MTA-STS validator)";

    private final SSLSocketFactory tls;
    private final CertificateVerifier verifier;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final Duration totalTimeout;
    private final int maxBodyBytes;
    private final Clock clock;

    public HttpsFetcher(
            CertificateVerifier verifier,
            Duration connectTimeout,
            Duration readTimeout,
            Duration totalTimeout,
            int maxBodyBytes,
            Clock clock) {
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        this.maxBodyBytes = maxBodyBytes;
        this.connectTimeoutMillis = millis(connectTimeout, "connectTimeout");
        this.readTimeoutMillis = millis(readTimeout, "readTimeout");
        this.totalTimeout = requireNonNull(totalTimeout, "totalTimeout is null");
        if (totalTimeout.isNegative() || totalTimeout.isZero()) {
            throw new IllegalArgumentException("totalTimeout must be positive");
        }
        // One TLS context for every fetch (building one per fetch was the top item of the bulk profile); it never
        // resumes a session, so each fetch sees the certificates the host presents then.
        this.tls = ObservingTls.newContext().getSocketFactory();
    }

    /**
     * GETs {@code uri}, connecting only to {@code addresses} (already checked by the address guard), in order: the
     * next address is tried only when connecting to one fails.
     */
    public LookupResult<HttpsResponse> fetch(URI uri, List<InetAddress> addresses) {
        requireNonNull(uri, "uri is null");
        requireNonNull(addresses, "addresses is null");
        if (addresses.isEmpty()) {
            return LookupResult.failed(FailureKind.ADDRESS_REFUSED, "no permitted address to connect to");
        }
        String host = uri.getHost();
        if (host == null || !"https".equalsIgnoreCase(uri.getScheme())) {
            return LookupResult.failed(FailureKind.PROTOCOL_ERROR, "not an https URL with a host: " + uri);
        }
        long started = System.nanoTime();
        long deadline = started + totalTimeout.toNanos();
        Fetch fetch = new Fetch();
        // closes the socket at the total deadline, whatever it is blocked in (connect, handshake or a read)
        ScheduledFuture<?> watchdog = Deadlines.after(totalTimeout, fetch::expire);
        try {
            return exchange(uri, host, addresses, fetch, started, deadline);
        } catch (IOException e) {
            if (fetch.expired.get() || System.nanoTime() - deadline >= 0) {
                return LookupResult.failed(FailureKind.TIMEOUT, "the fetch of " + uri + " did not finish in time");
            }
            return failure(uri, e);
        } finally {
            watchdog.cancel(false);
            fetch.close();
        }
    }

    private LookupResult<HttpsResponse> exchange(
            URI uri, String host, List<InetAddress> addresses, Fetch fetch, long started, long deadline)
            throws IOException {
        int port = port(uri);
        InetAddress connected = connect(addresses, port, fetch, deadline);
        Socket plain = requireNonNull(fetch.socket, "socket is null");
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, host, port, true);
        fetch.socket = socket;
        SSLParameters parameters = socket.getSSLParameters();
        List<javax.net.ssl.SNIServerName> serverNames = new ArrayList<>();
        try {
            serverNames.add(new SNIHostName(host));
        } catch (IllegalArgumentException notAHostName) {
            // an address literal: RFC 6066 sends no SNI for it
        }
        parameters.setServerNames(serverNames);
        // the verdict on the name is the verifier's (a wrong name is a finding, not a failed fetch)
        parameters.setEndpointIdentificationAlgorithm(null);
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(readTimeout(deadline));
        SSLSession session = ObservingTls.handshake(socket);
        X509Certificate[] chain = ObservingTls.peerChain(session);
        String protocol = session.getProtocol();
        String cipherSuite = session.getCipherSuite();

        socket.getOutputStream().write(request(uri, host, port));
        socket.getOutputStream().flush();
        Http11Response response =
                Http11Response.read(socket.getInputStream(), maxBodyBytes, () -> setReadTimeout(socket, deadline));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        if (chain.length == 0) {
            return LookupResult.failed(FailureKind.TLS_FAILURE, host + " presented no certificate");
        }
        TlsDetails details = verifier.verify(host, chain, protocol, cipherSuite, Instant.now(clock));
        return LookupResult.found(new HttpsResponse(
                uri,
                connected,
                response.status(),
                response.headers(),
                response.body(),
                response.truncated(),
                elapsed,
                details));
    }

    /** Connects to the first address that answers; the last failure is thrown when none does. */
    private InetAddress connect(List<InetAddress> addresses, int port, Fetch fetch, long deadline) throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            // never through a SOCKS proxy: new Socket() would consult socksProxyHost through the default selector
            Socket socket = new Socket(Proxy.NO_PROXY);
            fetch.socket = socket;
            if (fetch.expired.get()) {
                throw new SocketTimeoutException("total timeout");
            }
            try {
                socket.setTcpNoDelay(true);
                socket.connect(
                        new InetSocketAddress(address, port), Math.min(connectTimeoutMillis, remaining(deadline)));
                return address;
            } catch (ConnectException | NoRouteToHostException | SocketTimeoutException e) {
                closeQuietly(socket);
                last = e;
            }
        }
        throw requireNonNull(last, "no address tried");
    }

    private static byte[] request(URI uri, String host, int port) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String hostHeader = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        if (port != 443) {
            hostHeader += ":" + port;
        }
        String head = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "User-Agent: " + USER_AGENT + "\r\n"
                + "Cache-Control: no-cache\r\n"
                + "Accept: text/plain\r\n"
                + "Accept-Encoding: identity\r\n"
                + "Connection: close\r\n\r\n";
        for (int index = 0; index < head.length(); index++) {
            char c = head.charAt(index);
            if (c > 0x7e || (c < 0x20 && c != '\r' && c != '\n')) {
                throw new IllegalArgumentException("not a valid request target: " + uri);
            }
        }
        return head.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private void setReadTimeout(Socket socket, long deadline) throws IOException {
        socket.setSoTimeout(readTimeout(deadline));
    }

    /** The read timeout, shortened to what is left of the total deadline. */
    private int readTimeout(long deadline) throws SocketTimeoutException {
        return Math.min(readTimeoutMillis, remaining(deadline));
    }

    private static int remaining(long deadline) throws SocketTimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException("total timeout");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static int millis(Duration duration, String name) {
        requireNonNull(duration, name + " is null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }

    private static LookupResult<HttpsResponse> failure(URI uri, IOException error) {
        String host = uri.getHost();
        String reason = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return switch (error) {
            case SocketTimeoutException e ->
                LookupResult.failed(FailureKind.TIMEOUT, "timed out talking to " + host + " (" + reason + ")");
            case InterruptedIOException e ->
                LookupResult.failed(FailureKind.TIMEOUT, "the fetch of " + uri + " did not finish in time");
            case ConnectException e ->
                LookupResult.failed(
                        FailureKind.CONNECTION_REFUSED,
                        "could not connect to " + host + " on port " + port(uri) + " (" + reason + ")");
            case SSLHandshakeException e ->
                LookupResult.failed(
                        FailureKind.TLS_FAILURE, "the TLS handshake with " + host + " failed (" + reason + ")");
            case SSLException e ->
                LookupResult.failed(FailureKind.TLS_FAILURE, "TLS error talking to " + host + " (" + reason + ")");
            case ProtocolException e ->
                LookupResult.failed(FailureKind.PROTOCOL_ERROR, host + " did not speak valid HTTP (" + reason + ")");
            default ->
                LookupResult.failed(
                        FailureKind.CONNECTION_FAILED, "the fetch from " + host + " failed (" + reason + ")");
        };
    }

    private static int port(URI uri) {
        return uri.getPort() == -1 ? 443 : uri.getPort();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }

    /** The socket of one fetch in progress (plain, then TLS), closed by the watchdog at the total deadline. */
    private static final class Fetch {
        final AtomicBoolean expired = new AtomicBoolean();
        volatile @Nullable Socket socket;

        void expire() {
            expired.set(true);
            close();
        }

        void close() {
            Socket current = socket;
            if (current != null) {
                closeQuietly(current);
            }
        }
    }
}
