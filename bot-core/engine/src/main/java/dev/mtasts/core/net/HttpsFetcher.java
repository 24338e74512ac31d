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
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
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
        this.baseClient = new OkHttpClient.Builder()
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
        OkHttpClient client;
        AcceptAnyTrustManager acceptAny = new AcceptAnyTrustManager();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {acceptAny}, null);
            client = baseClient
                    .newBuilder()
                    .dns(name -> {
                        if (!name.equalsIgnoreCase(host)) {
                            throw new UnknownHostException(name + " was not resolved through the address guard");
                        }
                        return addresses;
                    })
                    .sslSocketFactory(context.getSocketFactory(), acceptAny)
                    .hostnameVerifier((name, session) -> true)
                    .addNetworkInterceptor(chain -> {
                        connected.set(chain.connection().route().socketAddress().getAddress());
                        return chain.proceed(chain.request());
                    })
                    .build();
        } catch (GeneralSecurityException e) {
            return LookupResult.failed(FailureKind.TLS_FAILURE, "TLS is not available in this JVM: " + e.getMessage());
        }
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
            X509Certificate[] chain = acceptAny.presented();
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
                    connected.get(),
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
     * Lets every handshake complete and keeps the presented chain; the chain is judged afterwards by
     * {@link CertificateVerifier}. Never used to decide trust. One instance per fetch.
     */
    private static final class AcceptAnyTrustManager extends X509ExtendedTrustManager {
        private final AtomicReference<X509Certificate[]> presented = new AtomicReference<>(new X509Certificate[0]);

        X509Certificate[] presented() {
            return presented.get().clone();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            presented.set(chain.clone());
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            presented.set(chain.clone());
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            presented.set(chain.clone());
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
