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
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Handshake;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Fetches one HTTPS resource the way RFC 8461 §3.3 wants a policy fetched: to an address the guard already approved
 * (no second resolution), SNI set to the host, redirects never followed, no HTTP cache, connect/read/total timeouts,
 * and the body capped: reading stops past the cap. The handshake accepts any certificate so that the verdict, made
 * by {@link CertificateVerifier}, can report expired, untrusted and wrong-name certificates as distinct findings.
 */
public final class HttpsFetcher {
    private final OkHttpClient baseClient;
    private final CertificateVerifier verifier;
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
        AcceptAnyTrustManager acceptAny = new AcceptAnyTrustManager();
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {acceptAny}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM: " + e.getMessage(), e);
        }
        // One TLS context for every fetch (building one per fetch was the top item of the bulk profile). Each
        // connection still does its own full handshake: sessions are invalidated after use and expire within a second,
        // so a later fetch of the same host sees the certificates it presents then.
        context.getClientSessionContext().setSessionTimeout(1);
        this.baseClient = new OkHttpClient.Builder()
                // the pinned address is dialled directly: https.proxyHost / socksProxyHost must not see the name
                .proxy(Proxy.NO_PROXY)
                .socketFactory(new DirectSocketFactory())
                .sslSocketFactory(context.getSocketFactory(), acceptAny)
                .hostnameVerifier((name, session) -> true)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .cache(null)
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .callTimeout(totalTimeout)
                .build();
    }

    /**
     * GETs {@code uri}, connecting only to {@code addresses} (already checked by the address guard), in order.
     */
    public LookupResult<HttpsResponse> fetch(URI uri, List<InetAddress> addresses) {
        requireNonNull(uri, "uri is null");
        requireNonNull(addresses, "addresses is null");
        if (addresses.isEmpty()) {
            return LookupResult.failed(FailureKind.ADDRESS_REFUSED, "no permitted address to connect to");
        }
        String host = uri.getHost();
        AtomicReference<InetAddress> connected = new AtomicReference<>(addresses.getFirst());
        AtomicReference<X509Certificate[]> presented = new AtomicReference<>(new X509Certificate[0]);
        // Cheap: shares the shared client's dispatcher and TLS socket factory; only the
        // pinned addresses and the per-fetch capture of what was presented are this fetch's own.
        OkHttpClient client = baseClient
                .newBuilder()
                // its own pool, which keeps nothing: a shared one made every fetch lock every connection in flight
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .dns(name -> {
                    if (!name.equalsIgnoreCase(host)) {
                        throw new UnknownHostException(name + " was not resolved through the address guard");
                    }
                    return addresses;
                })
                .addNetworkInterceptor(chain -> {
                    connected.set(chain.connection().route().socketAddress().getAddress());
                    if (chain.connection().socket() instanceof SSLSocket tls) {
                        SSLSession session = tls.getSession();
                        presented.set(peerChain(session));
                        // never resumed later: the next fetch of this host gets a full handshake and its certificates
                        session.invalidate();
                    }
                    return chain.proceed(chain.request());
                })
                .build();
        Request request = new Request.Builder()
                .url(uri.toString())
                .header("User-Agent", "mtasts-checker/0.1 (MTA-STS validator)")
                .header("Cache-Control", "no-cache")
                .header("Accept", "text/plain")
                .get()
                .build();
        long started = System.nanoTime();
        Call call = client.newCall(request);
        try (Response response = call.execute()) {
            Handshake handshake = response.handshake();
            if (handshake == null) {
                return LookupResult.failed(FailureKind.TLS_FAILURE, "the connection to " + host + " was not TLS");
            }
            ResponseBody body = response.body();
            Buffer buffer = new Buffer();
            if (body != null) {
                BufferedSource source = body.source();
                while (buffer.size() <= maxBodyBytes && source.read(buffer, 8192) != -1) {
                    // keep reading until the cap is passed or the body ends
                }
            }
            boolean truncated = buffer.size() > maxBodyBytes;
            byte[] bytes = buffer.readByteArray(Math.min(buffer.size(), maxBodyBytes));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            X509Certificate[] chain = requireNonNull(presented.get(), "presented is null");
            if (chain.length == 0) {
                return LookupResult.failed(FailureKind.TLS_FAILURE, host + " presented no certificate");
            }
            TlsDetails tls = verifier.verify(
                    host,
                    chain,
                    handshake.tlsVersion().javaName(),
                    handshake.cipherSuite().javaName(),
                    Instant.now(clock));
            return LookupResult.found(new HttpsResponse(
                    uri,
                    requireNonNull(connected.get(), "connected is null"),
                    response.code(),
                    response.headers().toMultimap(),
                    bytes,
                    truncated,
                    elapsed,
                    tls));
        } catch (IOException e) {
            return failure(uri, e);
        } finally {
            call.cancel();
        }
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

    /**
     * Plain sockets that never go through a SOCKS proxy: {@code new Socket()} would consult {@code socksProxyHost}
     * through the default proxy selector.
     */
    private static final class DirectSocketFactory extends SocketFactory {
        @Override
        public Socket createSocket() {
            return new Socket(Proxy.NO_PROXY);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw new UnknownHostException("names are never resolved here; connect to a checked address");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            throw new UnknownHostException("names are never resolved here; connect to a checked address");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            Socket socket = createSocket();
            socket.connect(new java.net.InetSocketAddress(host, port));
            return socket;
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            Socket socket = createSocket();
            socket.bind(new java.net.InetSocketAddress(localAddress, localPort));
            socket.connect(new java.net.InetSocketAddress(address, port));
            return socket;
        }
    }

    private static X509Certificate[] peerChain(SSLSession session) {
        try {
            return java.util.Arrays.stream(session.getPeerCertificates())
                    .filter(X509Certificate.class::isInstance)
                    .map(X509Certificate.class::cast)
                    .toArray(X509Certificate[]::new);
        } catch (SSLPeerUnverifiedException e) {
            return new X509Certificate[0];
        }
    }

    /**
     * Lets every handshake complete; the chain presented is read from the session afterwards and judged by
     * {@link CertificateVerifier}. Never used to decide trust. Stateless, so one instance serves every fetch.
     */
    private static final class AcceptAnyTrustManager extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
