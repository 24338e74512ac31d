package dev.mtasts.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.spi.HttpsResponse;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.TlsDetails.Trust;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.HttpsFixture;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestHttpsFetcher {
    private static final String HOST = "mta-sts.example.com";

    @TempDir
    Path directory;

    private CertificateAuthority ca;
    private HttpsFixture https;
    private HttpsFetcher fetcher;

    @BeforeEach
    void start() {
        ca = CertificateAuthority.create();
        https = HttpsFixture.start(ca);
        fetcher = fetcher(Duration.ofSeconds(10), 64 * 1024);
    }

    @AfterEach
    void stop() {
        https.close();
    }

    @Test
    void fetchesWithSniAndATrustedMatchingCertificate() {
        https.policy(HOST, "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n");

        HttpsResponse response = found(fetch());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).contains("text/plain");
        assertThat(response.bodyText()).startsWith("version: STSv1");
        assertThat(response.truncated()).isFalse();
        assertThat(response.tls().trust()).isEqualTo(Trust.TRUSTED);
        assertThat(response.tls().nameMatches()).isTrue();
        assertThat(response.tls().protocol()).isIn("TLSv1.2", "TLSv1.3");
        assertThat(response.tls().leaf().dnsNames()).contains(HOST);
        assertThat(https.requests()).singleElement().satisfies(request -> {
            assertThat(request.serverName()).contains(HOST);
            assertThat(request.path()).isEqualTo(HttpsFixture.POLICY_PATH);
        });
    }

    @Test
    void expiredWrongNameAndUntrustedCertificatesAreDistinctVerdicts() {
        https.policy(HOST, "version: STSv1\n");

        https.certificate(HOST, ca.leaf(HOST).expired().issue());
        assertThat(found(fetch()).tls().trust()).isEqualTo(Trust.EXPIRED);

        https.certificate(HOST, ca.issue("www.example.com"));
        HttpsResponse wrongName = found(fetch());
        assertThat(wrongName.tls().trust()).isEqualTo(Trust.TRUSTED);
        assertThat(wrongName.tls().nameMatches()).isFalse();

        https.certificate(HOST, CertificateAuthority.create("Rogue CA").issue(HOST));
        HttpsResponse untrusted = found(fetch());
        assertThat(untrusted.tls().trust()).isEqualTo(Trust.UNTRUSTED);
        assertThat(untrusted.tls().trustDetail()).isNotEmpty();
        assertThat(untrusted.tls().nameMatches()).isTrue();
    }

    @Test
    void redirectsAreReportedNotFollowed() {
        https.respond(
                HOST,
                HttpsFixture.POLICY_PATH,
                HttpsFixture.Response.status(301).header("Location", "https://elsewhere.example/policy.txt"));

        HttpsResponse response = found(fetch());

        assertThat(response.status()).isEqualTo(301);
        assertThat(response.header("location")).contains("https://elsewhere.example/policy.txt");
        assertThat(https.requests()).hasSize(1);
    }

    @Test
    void bodyIsCappedAndReadingStopsPastTheCap() {
        byte[] big = "x".repeat(200 * 1024).getBytes(StandardCharsets.US_ASCII);
        https.respond(
                HOST,
                HttpsFixture.POLICY_PATH,
                HttpsFixture.Response.status(200)
                        .header("Content-Type", "text/plain")
                        .body(big));

        HttpsResponse response = found(fetch());

        assertThat(response.truncated()).isTrue();
        assertThat(response.body()).hasSize(64 * 1024);
    }

    @Test
    void aBodyThatTrickesPastTheDeadlineTimesOut() {
        fetcher = fetcher(Duration.ofMillis(1500), 64 * 1024);
        https.respond(
                HOST,
                HttpsFixture.POLICY_PATH,
                HttpsFixture.Response.status(200)
                        .header("Content-Type", "text/plain")
                        .body("version: STSv1\nmode: testing\n".repeat(20))
                        .trickle(8, Duration.ofMillis(200)));

        assertThat(fetch()).isInstanceOfSatisfying(LookupResult.Failed.class, failed -> assertThat(failed.kind())
                .isEqualTo(FailureKind.TIMEOUT));
    }

    @Test
    void chunkedBodiesAreDecodedWithExtensionsAndTrailers() {
        https.respond(
                HOST,
                HttpsFixture.POLICY_PATH,
                HttpsFixture.Response.status(200)
                        .header("Content-Type", "text/plain")
                        .header("Transfer-Encoding", "chunked")
                        .body("f\r\nversion: STSv1\n\r\n10;name=value\r\nmode: enforce\nmx\r\n"
                                + "4\r\n: a\n\r\n0\r\nX-Trailer: yes\r\n\r\n"));

        HttpsResponse response = found(fetch());

        assertThat(response.bodyText()).isEqualTo("version: STSv1\nmode: enforce\nmx: a\n");
        assertThat(response.truncated()).isFalse();
        assertThat(response.header("Content-Type")).contains("text/plain");
    }

    @Test
    void anEndlessChunkedBodyIsCutAtTheCap() {
        https.respond(HOST, HttpsFixture.POLICY_PATH, HttpsFixture.Response.endlessChunked("#".repeat(1000)));

        HttpsResponse response = found(fetch());

        assertThat(response.truncated()).isTrue();
        assertThat(response.body()).hasSize(64 * 1024).containsOnly((byte) '#');
    }

    @Test
    void aBodyWithoutLengthEndsWithTheConnectionAndIsCapped() {
        fetcher = fetcher(Duration.ofSeconds(10), 10);
        https.respond(
                HOST,
                HttpsFixture.POLICY_PATH,
                HttpsFixture.Response.status(200)
                        // a framing header the fixture takes as given: no Content-Length is added
                        .header("Transfer-Encoding", "identity")
                        .body("version: STSv1\nmode: testing\n"));

        HttpsResponse response = found(fetch());

        assertThat(response.truncated()).isTrue();
        assertThat(response.bodyText()).isEqualTo("version: S");
    }

    @Test
    void aBodyExactlyAtTheCapIsNotTruncated() {
        fetcher = fetcher(Duration.ofSeconds(10), 14);
        https.policy(HOST, "version: STSv1");

        HttpsResponse response = found(fetch());

        assertThat(response.truncated()).isFalse();
        assertThat(response.bodyText()).isEqualTo("version: STSv1");
    }

    @Test
    void aServerThatClosesBeforeTheDeclaredLengthIsAProtocolError() {
        https.respond(
                HOST,
                HttpsFixture.POLICY_PATH,
                HttpsFixture.Response.status(200)
                        .header("Content-Type", "text/plain")
                        .header("Content-Length", "500")
                        .body("version: STSv1\n"));

        assertThat(fetch()).isInstanceOfSatisfying(LookupResult.Failed.class, failed -> assertThat(failed.kind())
                .isEqualTo(FailureKind.PROTOCOL_ERROR));
    }

    @Test
    void aServerThatClosesInsideAChunkedBodyIsAProtocolError() {
        https.respond(
                HOST,
                HttpsFixture.POLICY_PATH,
                HttpsFixture.Response.status(200)
                        .header("Transfer-Encoding", "chunked")
                        .body("40\r\nversion: STSv1\n"));

        assertThat(fetch()).isInstanceOfSatisfying(LookupResult.Failed.class, failed -> assertThat(failed.kind())
                .isEqualTo(FailureKind.PROTOCOL_ERROR));
    }

    @Test
    void aChunkedBodyThatTricklesStopsAtTheTotalDeadlineNotTheReadTimeout() {
        fetcher = fetcher(Duration.ofMillis(1200), 64 * 1024);
        StringBuilder chunks = new StringBuilder();
        for (int index = 0; index < 40; index++) {
            chunks.append("2\r\nab\r\n");
        }
        https.respond(
                HOST,
                HttpsFixture.POLICY_PATH,
                HttpsFixture.Response.status(200)
                        .header("Transfer-Encoding", "chunked")
                        .body(chunks.append("0\r\n\r\n").toString())
                        .trickle(7, Duration.ofMillis(150)));

        long started = System.nanoTime();
        LookupResult<HttpsResponse> result = fetch();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result).isInstanceOfSatisfying(LookupResult.Failed.class, failed -> assertThat(failed.kind())
                .isEqualTo(FailureKind.TIMEOUT));
        // each read came well within the read timeout: only the total deadline can have ended it
        assertThat(took).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void aPeerThatNeverAnswersTheHandshakeIsCutAtTheTotalDeadline() {
        Path pem = ca.writePem(directory.resolve("ca.pem"));
        HttpsFetcher patient = new HttpsFetcher(
                new CertificateVerifier(Optional.of(pem)),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofMillis(800),
                64 * 1024,
                Clock.systemUTC());
        try (dev.mtasts.testing.HostileServer silent =
                dev.mtasts.testing.HostileServer.start(dev.mtasts.testing.HostileServer.Behaviour.SILENT)) {
            long started = System.nanoTime();
            LookupResult<HttpsResponse> result = patient.fetch(
                    URI.create("https://" + HOST + ":" + silent.port() + HttpsFixture.POLICY_PATH),
                    List.of(InetAddress.getLoopbackAddress()));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(result).isInstanceOfSatisfying(LookupResult.Failed.class, failed -> assertThat(failed.kind())
                    .isEqualTo(FailureKind.TIMEOUT));
            assertThat(took).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void theRequestIsAPlainHttp11GetThatAsksForNoCacheAndCloses() {
        https.policy(HOST, "version: STSv1\n");

        found(fetch());

        assertThat(https.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.header("Host")).contains(HOST + ":" + https.port());
            assertThat(request.header("Connection")).contains("close");
            assertThat(request.header("Cache-Control")).contains("no-cache");
            assertThat(request.header("User-Agent"))
                    .hasValueSatisfying(agent -> assertThat(agent).startsWith("mtasts-checker/"));
        });
    }

    @Test
    void refusedConnectionIsAFailureValue() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        LookupResult<HttpsResponse> result = fetcher.fetch(
                URI.create("https://" + HOST + ":" + closedPort + "/.well-known/mta-sts.txt"),
                List.of(InetAddress.getLoopbackAddress()));

        assertThat(result).isInstanceOfSatisfying(LookupResult.Failed.class, failed -> assertThat(failed.kind())
                .isEqualTo(FailureKind.CONNECTION_REFUSED));
    }

    @Test
    void jvmProxySettingsAreIgnoredSoThePinnedAddressIsDialledDirectly() throws Exception {
        https.policy(HOST, "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n");
        String[] properties = {"https.proxyHost", "https.proxyPort", "socksProxyHost", "socksProxyPort"};
        java.util.Map<String, String> saved = new java.util.HashMap<>();
        for (String property : properties) {
            saved.put(property, System.getProperty(property));
        }
        try (java.net.ServerSocket proxy = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            java.util.concurrent.atomic.AtomicInteger proxyConnections =
                    new java.util.concurrent.atomic.AtomicInteger();
            Thread.ofVirtual().start(() -> {
                while (!proxy.isClosed()) {
                    try (java.net.Socket accepted = proxy.accept()) {
                        proxyConnections.incrementAndGet();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            String port = Integer.toString(proxy.getLocalPort());
            System.setProperty("https.proxyHost", "127.0.0.1");
            System.setProperty("https.proxyPort", port);
            System.setProperty("socksProxyHost", "127.0.0.1");
            System.setProperty("socksProxyPort", port);
            HttpsFetcher fresh = fetcher(Duration.ofSeconds(10), 64 * 1024);

            HttpsResponse response = found(fresh.fetch(
                    URI.create("https://" + HOST + ":" + https.port() + HttpsFixture.POLICY_PATH),
                    List.of(InetAddress.getLoopbackAddress())));

            assertThat(response.status()).isEqualTo(200);
            assertThat(https.requests()).singleElement().satisfies(request -> assertThat(request.serverName())
                    .contains(HOST));
            assertThat(proxyConnections).hasValue(0);
        } finally {
            for (String property : properties) {
                if (saved.get(property) == null) {
                    System.clearProperty(property);
                } else {
                    System.setProperty(property, saved.get(property));
                }
            }
        }
    }

    @Test
    void oneSharedFetcherSeesEachHostsOwnCertificateAcrossManyFetches() {
        for (int round = 0; round < 3; round++) {
            for (String host : List.of("mta-sts.a.example", "mta-sts.b.example")) {
                https.policy(host, "version: STSv1\n");
                https.certificate(host, round == 1 ? ca.issue("other." + host) : ca.issue(host));
                HttpsResponse response = found(fetcher.fetch(
                        URI.create("https://" + host + ":" + https.port() + HttpsFixture.POLICY_PATH),
                        List.of(InetAddress.getLoopbackAddress())));
                assertThat(response.tls().nameMatches()).isEqualTo(round != 1);
                assertThat(response.tls().leaf().dnsNames()).contains(round == 1 ? "other." + host : host);
            }
        }
    }

    private LookupResult<HttpsResponse> fetch() {
        return fetcher.fetch(
                URI.create("https://" + HOST + ":" + https.port() + HttpsFixture.POLICY_PATH),
                List.of(InetAddress.getLoopbackAddress()));
    }

    private HttpsFetcher fetcher(Duration total, int cap) {
        Path pem = ca.writePem(directory.resolve("ca.pem"));
        return new HttpsFetcher(
                new CertificateVerifier(Optional.of(pem)), Duration.ofSeconds(5), total, total, cap, Clock.systemUTC());
    }

    private static HttpsResponse found(LookupResult<HttpsResponse> result) {
        assertThat(result).isInstanceOf(LookupResult.Found.class);
        return result.found().orElseThrow();
    }
}
