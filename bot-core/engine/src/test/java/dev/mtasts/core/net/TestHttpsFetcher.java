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
