package dev.mtasts.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtasts.testing.HttpsFixture.Request;
import dev.mtasts.testing.HttpsFixture.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class TestHttpsFixture {
    private static final String HOST = "mta-sts.example.com";
    private static final String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmax_age: 86400\r\n";

    private final CertificateAuthority authority = CertificateAuthority.create();
    private final HttpsFixture https = HttpsFixture.start(authority);

    @AfterEach
    void stop() {
        https.close();
    }

    @Test
    void servesPolicyAsPlainTextAndRecordsTheRequest() throws IOException {
        https.policy(HOST, POLICY);

        Fetched fetched = get(HOST, HttpsFixture.POLICY_PATH);

        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.header("Content-Type")).contains("text/plain");
        assertThat(fetched.header("Content-Length")).contains(String.valueOf(POLICY.length()));
        assertThat(fetched.text()).isEqualTo(POLICY);
        assertThat(https.requests()).singleElement().satisfies(request -> {
            assertThat(request.serverName()).contains(HOST);
            assertThat(request.host()).contains(HOST + ":" + https.port());
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.path()).isEqualTo(HttpsFixture.POLICY_PATH);
            assertThat(request.header("user-agent")).contains("fixture-test");
        });
    }

    @Test
    void sniSelectsTheCertificatePerHost() throws Exception {
        ServerCertificate explicit = authority.leaf(HOST).commonName("explicit").issue();
        https.certificate(HOST, explicit);

        Fetched first = get(HOST, "/");
        Fetched second = get("mta-sts.example.net", "/");

        assertThat(first.peer()).isEqualTo(explicit.certificate());
        assertThat(second.peer().getSubjectAlternativeNames())
                .singleElement()
                .isEqualTo(List.of(2, "mta-sts.example.net"));
        assertThat(second.peer().getIssuerX500Principal())
                .isEqualTo(authority.certificate().getSubjectX500Principal());
    }

    @Test
    void wildcardCertificateMatchesTheHost() throws IOException {
        https.certificate(HOST, authority.issue("*.example.com")).policy(HOST, POLICY);

        assertThat(get(HOST, HttpsFixture.POLICY_PATH).status()).isEqualTo(200);
    }

    @Test
    void clientWithoutSniGetsLocalhostCertificate() throws Exception {
        Fetched fetched = fetch("127.0.0.1", "/", authority.clientContext(), false, 5_000);

        assertThat(fetched.peer().getSubjectAlternativeNames()).singleElement().isEqualTo(List.of(2, "localhost"));
        assertThat(https.requests()).singleElement().satisfies(request -> assertThat(request.serverName())
                .isEmpty());
    }

    @Test
    void presentsWrongNameCertificateWhenConfigured() throws Exception {
        https.certificate(HOST, authority.issue("www.example.org")).policy(HOST, POLICY);

        assertThatThrownBy(() -> get(HOST, HttpsFixture.POLICY_PATH)).isInstanceOf(SSLHandshakeException.class);
        Fetched unverified = fetch(HOST, HttpsFixture.POLICY_PATH, authority.clientContext(), false, 5_000);
        assertThat(unverified.peer().getSubjectAlternativeNames())
                .singleElement()
                .isEqualTo(List.of(2, "www.example.org"));
        assertThat(unverified.status()).isEqualTo(200);
    }

    @Test
    void presentsBrokenCertificatesThatClientsReject() throws IOException {
        CertificateAuthority rogue = CertificateAuthority.create("Rogue CA");
        https.certificate(
                        "expired.example",
                        authority.leaf("expired.example").expired().issue())
                .certificate(
                        "early.example",
                        authority.leaf("early.example").notYetValid().issue())
                .certificate("untrusted.example", rogue.issue("untrusted.example"))
                .certificate(
                        "self.example",
                        authority.leaf("self.example").selfSigned().issue());

        for (String host : List.of("expired.example", "early.example", "untrusted.example", "self.example")) {
            assertThatThrownBy(() -> get(host, "/")).as(host).isInstanceOf(SSLHandshakeException.class);
        }
        assertThat(fetch("untrusted.example", "/", rogue.clientContext(), true, 5_000)
                        .status())
                .isEqualTo(404);
        assertThat(https.requests()).extracting(Request::serverName).containsExactly(Optional.of("untrusted.example"));
    }

    @Test
    void unknownHostOrPathIsNotFound() throws IOException {
        https.policy(HOST, POLICY);

        assertThat(get(HOST, "/other").status()).isEqualTo(404);
        assertThat(get("mta-sts.example.net", HttpsFixture.POLICY_PATH).status())
                .isEqualTo(404);
        assertThat(get(HOST, HttpsFixture.POLICY_PATH + "?query=1").status()).isEqualTo(200);
    }

    @Test
    void servesRedirectWithoutFollowingIt() throws IOException {
        https.respond(
                HOST,
                HttpsFixture.POLICY_PATH,
                Response.status(301).header("Location", "https://elsewhere.example/policy.txt"));
        https.policy("elsewhere.example", POLICY);

        Fetched fetched = get(HOST, HttpsFixture.POLICY_PATH);

        assertThat(fetched.status()).isEqualTo(301);
        assertThat(fetched.statusLine()).isEqualTo("HTTP/1.1 301 Moved Permanently");
        assertThat(fetched.header("Location")).contains("https://elsewhere.example/policy.txt");
        assertThat(https.requests()).extracting(Request::serverName).containsExactly(Optional.of(HOST));
    }

    @Test
    void servesHeadersAndBodiesByteForByte() throws IOException {
        byte[] body = new byte[100 * 1024 + 3];
        Arrays.fill(body, (byte) 'a');
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        body[3] = '\r';
        https.respond(
                HOST,
                HttpsFixture.POLICY_PATH,
                Response.status(200)
                        .header("Content-Type", "text/plain; charset=utf-8")
                        .header("ETag", "\"v1\"")
                        .header("Last-Modified", "Tue, 01 Jan 2030 00:00:00 GMT")
                        .header("Cache-Control", "max-age=60")
                        .body(body));

        Fetched fetched = get(HOST, HttpsFixture.POLICY_PATH);

        assertThat(fetched.body()).isEqualTo(body);
        assertThat(fetched.header("etag")).contains("\"v1\"");
        assertThat(fetched.header("last-modified")).contains("Tue, 01 Jan 2030 00:00:00 GMT");
        assertThat(fetched.header("cache-control")).contains("max-age=60");
        assertThat(fetched.header("connection")).contains("close");
    }

    @Test
    void explicitContentLengthIsNotReplaced() throws IOException {
        https.respond(
                HOST, "/", Response.status(200).header("Content-Length", "3").body("abc"));

        assertThat(get(HOST, "/").headers())
                .filteredOn(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length"))
                .containsExactly("Content-Length: 3");
    }

    @Test
    void delaysTheResponse() throws IOException {
        Duration delay = Duration.ofMillis(300);
        https.respond(HOST, "/", Response.status(200).body("late").delay(delay));

        long start = System.nanoTime();
        Fetched fetched = get(HOST, "/");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(delay);
        assertThat(fetched.text()).isEqualTo("late");
        assertThat(https.requests()).hasSize(1);
    }

    @Test
    void tricklesTheBody() throws IOException {
        https.respond(HOST, "/", Response.status(200).body("0123456789").trickle(2, Duration.ofMillis(100)));

        long start = System.nanoTime();
        Fetched fetched = get(HOST, "/");

        assertThat(fetched.text()).isEqualTo("0123456789");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void slowBodyIsStreamedBeforeItEnds() throws IOException {
        https.respond(HOST, "/", Response.status(200).body("first-second").trickle(6, Duration.ofSeconds(30)));

        try (SSLSocket socket = connect(HOST, authority.clientContext(), true, 2_000)) {
            socket.getOutputStream().write(requestBytes(HOST, "/"));
            InputStream input = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            assertThatThrownBy(() -> {
                        byte[] buffer = new byte[256];
                        for (int read = input.read(buffer); read >= 0; read = input.read(buffer)) {
                            received.write(buffer, 0, read);
                        }
                    })
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(received.toString(StandardCharsets.ISO_8859_1))
                    .startsWith("HTTP/1.1 200 OK\r\n")
                    .endsWith("\r\n\r\nfirst-");
            https.close(); // cut the connection, so closing the client does not wait for the server's close_notify
        }
    }

    @Test
    void closeCutsSlowResponses() throws IOException {
        https.respond(HOST, "/", Response.status(200).body("ab").trickle(1, Duration.ofSeconds(30)));

        try (SSLSocket socket = connect(HOST, authority.clientContext(), true, 10_000)) {
            socket.getOutputStream().write(requestBytes(HOST, "/"));
            InputStream input = socket.getInputStream();
            assertThat(input.read()).isEqualTo('H');
            https.close();
            assertThatThrownBy(() -> {
                        while (input.read() >= 0) {
                            // drain until the fixture cuts the connection
                        }
                        throw new IOException("connection closed");
                    })
                    .isInstanceOf(IOException.class);
        }
    }

    // ---- a minimal HTTPS client that connects to 127.0.0.1 but speaks to a host name (SNI, Host, verification) ----

    private record Fetched(String statusLine, List<String> headers, byte[] body, X509Certificate peer) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        Optional<String> header(String name) {
            return headers.stream()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Fetched get(String host, String path) throws IOException {
        return fetch(host, path, authority.clientContext(), true, 5_000);
    }

    private Fetched fetch(String host, String path, SSLContext context, boolean verifyHostname, int timeoutMillis)
            throws IOException {
        try (SSLSocket socket = connect(host, context, verifyHostname, timeoutMillis)) {
            X509Certificate peer = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            socket.getOutputStream().write(requestBytes(host, path));
            byte[] response = socket.getInputStream().readAllBytes();
            int end = indexOf(response, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            List<String> lines =
                    new ArrayList<>(List.of(new String(response, 0, end, StandardCharsets.ISO_8859_1).split("\r\n")));
            String statusLine = lines.removeFirst();
            return new Fetched(statusLine, lines, Arrays.copyOfRange(response, end + 4, response.length), peer);
        }
    }

    private SSLSocket connect(String host, SSLContext context, boolean verifyHostname, int timeoutMillis)
            throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", https.port()), timeoutMillis);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, https.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        if (verifyHostname) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(timeoutMillis);
        socket.startHandshake();
        return socket;
    }

    private byte[] requestBytes(String host, String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + https.port()
                        + "\r\nUser-Agent: fixture-test\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int start = 0; start + needle.length <= haystack.length; start++) {
            if (Arrays.equals(haystack, start, start + needle.length, needle, 0, needle.length)) {
                return start;
            }
        }
        throw new IllegalStateException("no end of response head");
    }
}
