package dev.mtasts.testing;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * An in-process HTTPS/1.1 server on 127.0.0.1 (one ephemeral port) that serves many host names, picks the
 * certificate by SNI, and answers per host and path with responses given in code.
 *
 * <pre>{@code
 * CertificateAuthority ca = CertificateAuthority.create();
 * try (HttpsFixture https = HttpsFixture.start(ca)) {
 *     https.policy("mta-sts.example.com", "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmax_age: 86400\r\n");
 *     https.certificate("mta-sts.example.net", ca.leaf("mta-sts.example.net").expired().issue());
 *     https.respond("mta-sts.example.org", HttpsFixture.POLICY_PATH,
 *             HttpsFixture.Response.status(301).header("Location", "https://elsewhere.example/"));
 *     ... connect to 127.0.0.1:https.port() with SNI and Host set to the policy host ...
 *     assertThat(https.requests()).extracting(HttpsFixture.Request::path).containsExactly(HttpsFixture.POLICY_PATH);
 * }
 * }</pre>
 *
 * <p>Certificates: a host given to {@link #certificate(String, ServerCertificate)} gets that one; any other SNI name
 * gets a valid certificate for exactly that name from the fixture's authority, issued on first use; a client that
 * sends no SNI gets a certificate for {@code localhost}. Routing uses the Host header (without port), or the SNI name
 * when there is no Host header; an unknown host or path gets 404. Each connection serves one request and is then
 * closed ({@code Connection: close}); redirects are served as given and never followed. Every request is recorded
 * before its response is delayed or written.
 */
public final class HttpsFixture extends LoopbackServer {
    /** The MTA-STS policy path, {@value}. */
    public static final String POLICY_PATH = "/.well-known/mta-sts.txt";

    private static final System.Logger LOGGER = System.getLogger(HttpsFixture.class.getName());
    private static final int MAX_REQUEST_HEAD_BYTES = 64 * 1024;
    private static final int READ_TIMEOUT_MILLIS = 30_000;
    private static final Response NOT_FOUND =
            Response.status(404).header("Content-Type", "text/plain").body("not found\n");

    /** One HTTP header line. */
    public record Header(String name, String value) {
        public Header {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
            if (name.isEmpty() || containsLineBreak(name) || containsLineBreak(value) || name.contains(":")) {
                throw new IllegalArgumentException("not a valid header: " + name + ": " + value);
            }
        }
    }

    /**
     * One request as received.
     *
     * @param serverName the SNI host name the client sent, lower case
     * @param host the Host header as sent (may include a port)
     * @param method the request method, such as {@code GET}
     * @param target the request target as sent, such as {@code /.well-known/mta-sts.txt}
     * @param headers all request headers in order
     */
    public record Request(
            Optional<String> serverName, Optional<String> host, String method, String target, List<Header> headers) {
        public Request {
            requireNonNull(serverName, "serverName is null");
            requireNonNull(host, "host is null");
            requireNonNull(method, "method is null");
            requireNonNull(target, "target is null");
            headers = List.copyOf(headers);
        }

        /** The target without its query string. */
        public String path() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        /** The first value of a header, by case-insensitive name. */
        public Optional<String> header(String name) {
            return headers.stream()
                    .filter(header -> header.name().equalsIgnoreCase(name))
                    .map(Header::value)
                    .findFirst();
        }
    }

    /**
     * What the server answers: an immutable description built fluently, e.g. {@code
     * Response.status(200).header("Content-Type", "text/plain").body("...").trickle(16, Duration.ofMillis(200))}.
     * {@code Content-Length} is added unless a {@code Content-Length} or {@code Transfer-Encoding} header is given
     * (the body is then written as given), and {@code Connection: close} is always added.
     */
    public static final class Response {
        private final int status;
        private final List<Header> headers;
        private final byte[] body;
        private final Duration delay;
        private final int chunkSize;
        private final Duration pause;
        private final boolean endless;

        private Response(int status, List<Header> headers, byte[] body, Duration delay, int chunkSize, Duration pause) {
            this(status, headers, body, delay, chunkSize, pause, false);
        }

        private Response(
                int status,
                List<Header> headers,
                byte[] body,
                Duration delay,
                int chunkSize,
                Duration pause,
                boolean endless) {
            this.status = status;
            this.headers = List.copyOf(headers);
            this.body = body;
            this.delay = delay;
            this.chunkSize = chunkSize;
            this.pause = pause;
            this.endless = endless;
        }

        /**
         * A 200 with {@code Transfer-Encoding: chunked} whose body never ends: {@code chunk} is sent as one chunk
         * after another, as fast as the client reads, until it hangs up (or the fixture closes).
         */
        public static Response endlessChunked(String chunk) {
            byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
            if (bytes.length == 0) {
                throw new IllegalArgumentException("an empty chunk would end the body");
            }
            return new Response(
                    200,
                    List.of(new Header("Content-Type", "text/plain"), new Header("Transfer-Encoding", "chunked")),
                    bytes,
                    Duration.ZERO,
                    0,
                    Duration.ZERO,
                    true);
        }

        /** A response with this status code, no headers and an empty body. */
        public static Response status(int status) {
            if (status < 100 || status > 999) {
                throw new IllegalArgumentException("not an HTTP status code: " + status);
            }
            return new Response(status, List.of(), new byte[0], Duration.ZERO, 0, Duration.ZERO);
        }

        /** Adds a header; may be repeated, also for the same name. */
        public Response header(String name, String value) {
            List<Header> updated = new ArrayList<>(headers);
            updated.add(new Header(name, value));
            return new Response(status, updated, body, delay, chunkSize, pause);
        }

        /** Sets the body to these exact bytes. */
        public Response body(byte[] body) {
            return new Response(status, headers, body.clone(), delay, chunkSize, pause);
        }

        /** Sets the body to this text in UTF-8, byte for byte (line endings, BOM and all). */
        public Response body(String body) {
            return body(body.getBytes(StandardCharsets.UTF_8));
        }

        /** Waits this long after reading the request before writing anything. */
        public Response delay(Duration delay) {
            return new Response(status, headers, body, nonNegative(delay), chunkSize, pause);
        }

        /** Writes the body {@code bytesPerChunk} bytes at a time, flushing each and pausing between them. */
        public Response trickle(int bytesPerChunk, Duration pause) {
            if (bytesPerChunk < 1) {
                throw new IllegalArgumentException("bytesPerChunk must be positive: " + bytesPerChunk);
            }
            return new Response(status, headers, body, delay, bytesPerChunk, nonNegative(pause));
        }

        @Override
        public String toString() {
            return "Response[" + status + ", " + headers + ", " + body.length + " bytes]";
        }

        private boolean hasHeader(String name) {
            return headers.stream().anyMatch(header -> header.name().equalsIgnoreCase(name));
        }
    }

    private record Route(String host, String path) {}

    private final CertificateAuthority authority;
    private final ServerCertificate noSniCertificate;
    private final SSLSocketFactory tls;
    private final Map<String, ServerCertificate> certificates = new ConcurrentHashMap<>();
    private final Map<String, ServerCertificate> issued = new ConcurrentHashMap<>();
    private final Map<Route, Response> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private HttpsFixture(CertificateAuthority authority) throws IOException, GeneralSecurityException {
        super(bindLoopback(64), "https-fixture");
        this.authority = authority;
        this.noSniCertificate = authority.leaf("localhost").issue();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new SniKeyManager(this::certificateFor)}, null, null);
        this.tls = context.getSocketFactory();
        startAccepting();
    }

    /** Starts a server whose default certificates come from {@code authority}. */
    public static HttpsFixture start(CertificateAuthority authority) {
        requireNonNull(authority, "authority is null");
        try {
            return new HttpsFixture(authority);
        } catch (IOException | GeneralSecurityException exception) {
            throw new IllegalStateException("cannot start HTTPS fixture", exception);
        }
    }

    /** Presents {@code certificate} to clients whose SNI is {@code host}. */
    public HttpsFixture certificate(String host, ServerCertificate certificate) {
        certificates.put(hostKey(host), requireNonNull(certificate, "certificate is null"));
        return this;
    }

    /** Answers requests for {@code host} and {@code path} (exact, query string ignored) with {@code response}. */
    public HttpsFixture respond(String host, String path, Response response) {
        requireNonNull(path, "path is null");
        routes.put(new Route(hostKey(host), path), requireNonNull(response, "response is null"));
        return this;
    }

    /** Serves {@code body} as {@code https://host/.well-known/mta-sts.txt} with 200 and {@code text/plain}. */
    public HttpsFixture policy(String host, String body) {
        return respond(
                host,
                POLICY_PATH,
                Response.status(200).header("Content-Type", "text/plain").body(body));
    }

    /** Every request received so far, in arrival order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Forgets the requests received so far. */
    public void clearRequests() {
        requests.clear();
    }

    @Override
    public String toString() {
        return "HttpsFixture[127.0.0.1:" + port() + "]";
    }

    // ---- serving ------------------------------------------------------------------------------------------------

    /** Serves one connection; TLS is layered over the plain socket so that {@link #close()} can cut it at once. */
    @Override
    protected void serve(Socket plain) {
        try (plain;
                SSLSocket socket = (SSLSocket) tls.createSocket(plain, null, true)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            socket.startHandshake();
            Optional<String> serverName = SniKeyManager.serverName(socket.getSession());
            Optional<List<String>> head = readHead(socket.getInputStream());
            if (head.isEmpty()) {
                return;
            }
            Optional<Request> request = parse(head.get(), serverName);
            if (request.isEmpty()) {
                write(socket.getOutputStream(), Response.status(400), false);
                return;
            }
            requests.add(request.get());
            Response response = route(request.get());
            Thread.sleep(response.delay);
            write(socket.getOutputStream(), response, !request.get().method().equals("HEAD"));
        } catch (IOException exception) {
            // handshake refused by the client, client gone, or fixture closed: nothing to answer
            LOGGER.log(System.Logger.Level.DEBUG, "HTTPS fixture connection ended", exception);
        } catch (InterruptedException exception) {
            // fixture closed while delaying
        }
    }

    private Response route(Request request) {
        Optional<String> host = request.host().map(HttpsFixture::withoutPort).or(request::serverName);
        if (host.isEmpty()) {
            return NOT_FOUND;
        }
        return routes.getOrDefault(new Route(hostKey(host.get()), request.path()), NOT_FOUND);
    }

    private static Optional<List<String>> readHead(InputStream stream) throws IOException {
        InputStream input = new BufferedInputStream(stream);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        List<String> lines = new ArrayList<>();
        int total = 0;
        while (total < MAX_REQUEST_HEAD_BYTES) {
            int next = input.read();
            if (next < 0) {
                return Optional.empty();
            }
            total++;
            if (next == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                if (text.isEmpty()) {
                    return Optional.of(List.copyOf(lines));
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(next);
            }
        }
        throw new IOException("request head longer than " + MAX_REQUEST_HEAD_BYTES + " bytes");
    }

    private static Optional<Request> parse(List<String> head, Optional<String> serverName) {
        if (head.isEmpty()) {
            return Optional.empty();
        }
        String[] requestLine = head.getFirst().split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/")) {
            return Optional.empty();
        }
        List<Header> headers = new ArrayList<>();
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            headers.add(new Header(
                    line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
        Optional<String> host = headers.stream()
                .filter(header -> header.name().equalsIgnoreCase("Host"))
                .map(Header::value)
                .findFirst();
        return Optional.of(new Request(serverName, host, requestLine[0], requestLine[1], headers));
    }

    private static void write(OutputStream output, Response response, boolean withBody)
            throws IOException, InterruptedException {
        StringBuilder head = new StringBuilder()
                .append("HTTP/1.1 ")
                .append(response.status)
                .append(' ')
                .append(reason(response.status))
                .append("\r\n");
        for (Header header : response.headers) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        if (!response.hasHeader("Content-Length") && !response.hasHeader("Transfer-Encoding")) {
            head.append("Content-Length: ").append(response.body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        output.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        output.flush();
        if (!withBody || response.body.length == 0) {
            return;
        }
        if (response.endless) {
            byte[] size = (Integer.toHexString(response.body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            while (true) {
                output.write(size);
                output.write(response.body);
                output.write(new byte[] {'\r', '\n'});
                output.flush();
            }
        }
        if (response.chunkSize == 0) {
            output.write(response.body);
            output.flush();
            return;
        }
        for (int start = 0; start < response.body.length; start += response.chunkSize) {
            if (start > 0) {
                Thread.sleep(response.pause);
            }
            output.write(response.body, start, Math.min(response.chunkSize, response.body.length - start));
            output.flush();
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 410 -> "Gone";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }

    // ---- certificates -------------------------------------------------------------------------------------------

    /** The certificate for a handshake's SNI name: the one set for the host, else one issued on first use. */
    private ServerCertificate certificateFor(Optional<String> serverName) {
        return serverName
                .map(name -> Optional.ofNullable(certificates.get(name))
                        .orElseGet(() -> issued.computeIfAbsent(name, host -> authority.issue(host))))
                .orElse(noSniCertificate);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static String hostKey(String host) {
        requireNonNull(host, "host is null");
        String key = host.toLowerCase(Locale.ROOT);
        return key.endsWith(".") ? key.substring(0, key.length() - 1) : key;
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon >= 0 && colon == host.lastIndexOf(':') ? host.substring(0, colon) : host;
    }

    private static boolean containsLineBreak(String text) {
        return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
    }

    private static Duration nonNegative(Duration duration) {
        requireNonNull(duration, "duration is null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration is negative: " + duration);
        }
        return duration;
    }
}
