package dev.mtasts.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.net.CertificateVerifier;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.SmtpProbe;
import dev.mtasts.spi.SmtpProbe.Outcome;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.SmtpFixture;
import dev.mtasts.testing.SmtpFixture.Scenario;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 gap 7 (SMTP) and the hostile-peer suite: a JVM SOCKS proxy, a stall in the middle of STARTTLS. */
final class TestSmtpProberHostilePeers {
    private static final CertificateAuthority CA = CertificateAuthority.create();

    @TempDir
    Path directory;

    @Test
    void aJvmSocksProxyDoesNotRerouteTheProbe() throws Exception {
        String host = System.getProperty("socksProxyHost");
        String port = System.getProperty("socksProxyPort");
        try (SmtpFixture smtp = SmtpFixture.start(CA, Scenario.VALID);
                ServerSocket proxy = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            System.setProperty("socksProxyHost", "127.0.0.1");
            System.setProperty("socksProxyPort", String.valueOf(proxy.getLocalPort()));

            LookupResult<SmtpProbe> result = prober(smtp.port()).probe("mx.example.com", List.of(loopback()));

            assertThat(TestSmtpProber.found(result).outcome()).isEqualTo(Outcome.TLS_ESTABLISHED);
            assertThat(smtp.connections()).isEqualTo(1);
            proxy.setSoTimeout(200);
            try (Socket stray = proxy.accept()) {
                throw new AssertionError("the probe went through the SOCKS proxy: " + stray);
            } catch (SocketTimeoutException expected) {
                // nothing reached the proxy
            }
        } finally {
            restore("socksProxyHost", host);
            restore("socksProxyPort", port);
        }
    }

    @Test
    void aServerThatStallsInTheMiddleOfStarttlsGivesAClearResultWithinTheHandshakeTimeout() throws IOException {
        try (SmtpFixture smtp = SmtpFixture.start(CA, Scenario.STALL_IN_STARTTLS)) {
            long started = System.nanoTime();

            LookupResult<SmtpProbe> result = prober(smtp.port()).probe("mx.example.com", List.of(loopback()));

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            SmtpProbe probe = TestSmtpProber.found(result);
            assertThat(probe.outcome()).isEqualTo(Outcome.TLS_HANDSHAKE_FAILED);
            assertThat(probe.detail()).containsIgnoringCase("handshake");
            assertThat(probe.transcript()).anySatisfy(line -> assertThat(line).contains("STARTTLS"));
            assertThat(took).isLessThan(Duration.ofSeconds(8));
        }
    }

    private SmtpProber prober(int port) {
        Path ca = CA.writePem(directory.resolve("ca-" + port + ".pem"));
        assertThat(Files.exists(ca)).isTrue();
        return new SmtpProber(
                TestSmtpProber.settings(port), new CertificateVerifier(Optional.of(ca)), Clock.systemUTC());
    }

    private static InetAddress loopback() throws IOException {
        return InetAddress.getByAddress("mx.example.com", new byte[] {127, 0, 0, 1});
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
