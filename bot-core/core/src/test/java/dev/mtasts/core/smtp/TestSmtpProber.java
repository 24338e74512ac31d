package dev.mtasts.core.smtp;

import static java.util.concurrent.CompletableFuture.completedFuture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.net.CertificateVerifier;
import dev.mtasts.spi.Dane;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.SmtpProbe;
import dev.mtasts.spi.SmtpProbe.Outcome;
import dev.mtasts.spi.TlsDetails;
import dev.mtasts.spi.TlsDetails.Trust;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.ServerCertificate;
import dev.mtasts.testing.SmtpFixture;
import dev.mtasts.testing.SmtpFixture.Scenario;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestSmtpProber {
    private static final String HOST = "mx1.example.com";
    private static final CertificateAuthority CA = CertificateAuthority.create();
    private static final List<AutoCloseable> CLOSE = new ArrayList<>();
    private static InetAddress loopback;
    private static CertificateVerifier verifier;

    @TempDir
    static Path directory;

    @BeforeAll
    static void trustTheTestAuthority() throws IOException {
        loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        verifier = new CertificateVerifier(Optional.of(CA.writePem(directory.resolve("ca.pem"))));
    }

    @AfterAll
    static void closeAll() throws Exception {
        for (AutoCloseable closeable : CLOSE) {
            closeable.close();
        }
    }

    @Test
    void theHandshakeWithoutSniSendsNoServerNameAndKeepsTheFallbackCertificate() {
        SmtpFixture smtp = fixture(Scenario.VALID);

        SmtpProbe probe =
                found(prober(smtp).probe(HOST, List.of(loopback), completedFuture(TlsaAnswer.notLookedUp()), true));

        assertThat(probe.outcome()).isEqualTo(Outcome.TLS_ESTABLISHED);
        SmtpProbe.WithoutSni withoutSni = probe.withoutSni().orElseThrow();
        assertThat(withoutSni.result()).isEqualTo(SmtpProbe.WithoutSni.Result.ACCEPTED);
        assertThat(withoutSni.tls().orElseThrow().nameMatches()).isFalse();
        assertThat(withoutSni.tls().orElseThrow().leaf().dnsNames()).containsExactly("localhost");
        assertThat(smtp.connections()).isEqualTo(2);
    }

    @Test
    void aServerThatRequiresSniRefusesOnlyTheHandshakeWithoutIt() {
        SmtpFixture smtp = fixture(Scenario.VALID).requireSni(true);

        SmtpProbe probe =
                found(prober(smtp).probe(HOST, List.of(loopback), completedFuture(TlsaAnswer.notLookedUp()), true));

        assertThat(probe.outcome()).isEqualTo(Outcome.TLS_ESTABLISHED);
        SmtpProbe.WithoutSni withoutSni = probe.withoutSni().orElseThrow();
        assertThat(withoutSni.result()).isEqualTo(SmtpProbe.WithoutSni.Result.REFUSED);
        assertThat(withoutSni.detail()).contains("handshake failed");
        assertThat(withoutSni.tls()).isEmpty();
    }

    @Test
    void withoutTheOptionThereIsNoSecondConversation() {
        SmtpFixture smtp = fixture(Scenario.VALID).requireSni(true);

        SmtpProbe probe = found(prober(smtp).probe(HOST, List.of(loopback)));

        assertThat(probe.withoutSni()).isEmpty();
        assertThat(smtp.connections()).isEqualTo(1);
    }

    @Test
    void validServerGivesAnEstablishedTrustedMatchingTlsSessionWithSniAndQuit() {
        SmtpFixture smtp = fixture(Scenario.VALID);

        SmtpProbe probe = found(prober(smtp).probe(HOST, List.of(loopback)));

        assertThat(probe.outcome()).isEqualTo(Outcome.TLS_ESTABLISHED);
        assertThat(probe.detail()).isEmpty();
        assertThat(probe.host()).isEqualTo(HOST);
        assertThat(probe.address()).isEqualTo(loopback);
        assertThat(probe.port()).isEqualTo(smtp.port());
        assertThat(probe.banner()).isEqualTo(SmtpFixture.SERVER_NAME + " ESMTP mtasts fixture");
        assertThat(probe.ehloKeywords()).contains("STARTTLS", "SIZE 10240000");
        assertThat(probe.starttlsOffered()).isTrue();
        TlsDetails tls = probe.tls().orElseThrow();
        assertThat(tls.trust()).isEqualTo(Trust.TRUSTED);
        assertThat(tls.nameMatches()).isTrue();
        assertThat(tls.protocol()).isIn("TLSv1.3", "TLSv1.2");
        assertThat(tls.leaf().dnsNames()).containsExactly(HOST);
        assertThat(probe.transcript())
                .contains("C: EHLO probe.mtasts.test", "C: STARTTLS", "S: 220 2.0.0 Ready to start TLS", "C: QUIT")
                .anyMatch(line -> line.startsWith("TLS: " + tls.protocol()));
        SmtpFixture.Session session = awaitSession(smtp);
        assertThat(session.serverName()).contains(HOST);
        assertThat(session.commands()).containsExactly("EHLO probe.mtasts.test", "STARTTLS", "QUIT");
    }

    @Test
    void wrongNameIsEstablishedButDoesNotMatchTheMxHost() {
        TlsDetails tls = established(fixture(Scenario.WRONG_NAME));

        assertThat(tls.trust()).isEqualTo(Trust.TRUSTED);
        assertThat(tls.nameMatches()).isFalse();
        assertThat(tls.leaf().dnsNames()).containsExactly(SmtpFixture.WRONG_NAME);
    }

    @Test
    void expiredCertificateIsReportedAsExpired() {
        TlsDetails tls = established(fixture(Scenario.EXPIRED));

        assertThat(tls.trust()).isEqualTo(Trust.EXPIRED);
        assertThat(tls.nameMatches()).isTrue();
    }

    @Test
    void untrustedCertificateIsReportedAsUntrusted() {
        TlsDetails tls = established(fixture(Scenario.UNTRUSTED));

        assertThat(tls.trust()).isEqualTo(Trust.UNTRUSTED);
        assertThat(tls.trustDetail()).contains("trusted root");
        assertThat(tls.leaf().issuer()).contains("mtasts untrusted test CA");
    }

    @Test
    void missingStarttlsIsReportedAndTheConversationEndsWithQuit() {
        SmtpFixture smtp = fixture(Scenario.NO_STARTTLS);

        SmtpProbe probe = found(prober(smtp).probe(HOST, List.of(loopback)));

        assertThat(probe.outcome()).isEqualTo(Outcome.STARTTLS_NOT_OFFERED);
        assertThat(probe.starttlsOffered()).isFalse();
        assertThat(probe.ehloKeywords()).contains("PIPELINING").doesNotContain("STARTTLS");
        assertThat(probe.tls()).isEmpty();
        assertThat(awaitSession(smtp).commands()).containsExactly("EHLO probe.mtasts.test", "QUIT");
    }

    @Test
    void refusedStarttlsIsReportedWithTheServersReply() {
        SmtpProbe probe = found(prober(fixture(Scenario.STARTTLS_REFUSED)).probe(HOST, List.of(loopback)));

        assertThat(probe.outcome()).isEqualTo(Outcome.STARTTLS_REFUSED);
        assertThat(probe.starttlsOffered()).isTrue();
        assertThat(probe.detail()).contains("454 4.7.0 TLS not available");
    }

    @Test
    void serverThatHangsAfterTheBannerTimesOutOnEhlo() {
        SmtpProbe probe = found(prober(fixture(Scenario.HANG_AFTER_BANNER)).probe(HOST, List.of(loopback)));

        assertThat(probe.outcome()).isEqualTo(Outcome.REPLY_TIMEOUT);
        assertThat(probe.detail()).contains("EHLO");
        assertThat(probe.banner()).startsWith(SmtpFixture.SERVER_NAME);
    }

    @Test
    void theWholeProbeIsCutAtTheHostTimeoutEvenWhenEachStepMayTakeLonger() {
        SmtpFixture smtp = fixture(Scenario.HANG_AFTER_BANNER);
        SmtpSettings settings = settings(smtp)
                .withTimeouts(
                        Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMillis(600));

        long started = System.nanoTime();
        SmtpProbe probe = found(new SmtpProber(settings, verifier, Clock.systemUTC()).probe(HOST, List.of(loopback)));

        assertThat(probe.outcome()).isEqualTo(Outcome.REPLY_TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void garbageBannerIsNotSmtp() {
        SmtpProbe probe = found(prober(fixture(Scenario.GARBAGE_BANNER)).probe(HOST, List.of(loopback)));

        assertThat(probe.outcome()).isEqualTo(Outcome.GREETING_MALFORMED);
        assertThat(probe.detail()).contains("SSH-2.0-OpenSSH");
        assertThat(probe.transcript()).anyMatch(line -> line.startsWith("S: SSH-2.0-"));
    }

    @Test
    void tls10OnlyServerIsReportedAsTooOld() {
        SmtpProbe probe = found(prober(fixture(Scenario.TLS_1_0_ONLY)).probe(HOST, List.of(loopback)));

        assertThat(probe.outcome()).isEqualTo(Outcome.TLS_VERSION_TOO_OLD);
        assertThat(probe.detail()).contains("TLS 1.0").contains("TLS 1.2");
        assertThat(probe.tls()).isEmpty();
    }

    @Test
    void protocolVersionAlertMeansNothingNewerThanTls11() {
        assertThat(SmtpProber.oldVersion(new SSLHandshakeException("Received fatal alert: protocol_version")))
                .hasValueSatisfying(text -> assertThat(text).contains("TLS 1.0 or 1.1"));
        assertThat(
                        SmtpProber.oldVersion(
                                new SSLHandshakeException(
                                        "The server selected protocol version TLS11 is not accepted by client preferences [TLS13, TLS12]")))
                .hasValueSatisfying(text -> assertThat(text).contains("TLS 1.1"));
        assertThat(SmtpProber.oldVersion(new SSLHandshakeException("Received fatal alert: handshake_failure")))
                .isEmpty();
    }

    @Test
    void negativeGreetingIsARejection() throws IOException {
        int port = scripted(output -> write(output, "554 5.3.2 mx1.example.com has no service for you\r\n"));

        SmtpProbe probe = found(prober(port).probe(HOST, List.of(loopback)));

        assertThat(probe.outcome()).isEqualTo(Outcome.GREETING_REJECTED);
        assertThat(probe.detail()).contains("554 5.3.2");
    }

    @Test
    void silentServerIsAGreetingTimeout() throws IOException {
        int port = scripted(output -> sleep(Duration.ofSeconds(3)));

        SmtpProbe probe = found(prober(port).probe(HOST, List.of(loopback)));

        assertThat(probe.outcome()).isEqualTo(Outcome.GREETING_TIMEOUT);
    }

    @Test
    void serverThatClosesAtOnceIsAClosedConnection() throws IOException {
        int port = scripted(output -> {});

        SmtpProbe probe = found(prober(port).probe(HOST, List.of(loopback)));

        assertThat(probe.outcome()).isEqualTo(Outcome.CONNECTION_CLOSED);
    }

    @Test
    void greetingThatNeverEndsIsCutAtTheReplyLimit() throws IOException {
        int port = scripted(output -> {
            write(output, "220-");
            for (int index = 0; index < 2_000; index++) {
                write(output, "xxxxxxxxxx");
            }
        });

        SmtpProbe probe = found(prober(port).probe(HOST, List.of(loopback)));

        assertThat(probe.outcome()).isEqualTo(Outcome.GREETING_MALFORMED);
        assertThat(probe.detail()).contains("longer than 8192 bytes");
        assertThat(probe.transcript()).allMatch(line -> line.length() <= Transcript.MAX_LINE_CHARS + 20);
    }

    @Test
    void multiLineRepliesAreJoinedAndControlBytesMadePrintable() throws IOException {
        int port = scripted(output -> {
            write(output, "220-mx1.example.com ESMTP\r\n220 no \u0007bell here\r\n");
            sleep(Duration.ofSeconds(2));
        });

        SmtpProbe probe = found(prober(port).probe(HOST, List.of(loopback)));

        assertThat(probe.banner()).isEqualTo("mx1.example.com ESMTP no \\x07bell here");
        assertThat(probe.transcript()).contains("S: 220 no \\x07bell here");
    }

    @Test
    void refusedConnectionIsConnectionRefused() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, loopback)) {
            port = closed.getLocalPort();
        }

        LookupResult<SmtpProbe> result = prober(port).probe(HOST, List.of(loopback));

        assertThat(result).isInstanceOfSatisfying(LookupResult.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.CONNECTION_REFUSED);
            assertThat(failed.detail()).contains("127.0.0.1: connection refused");
        });
    }

    @Test
    void connectTimeoutIsATimeoutNamingPort25Reachability() throws IOException {
        BlackHole hole = BlackHole.open(loopback);
        CLOSE.add(hole);
        SmtpSettings settings = settings(hole.port())
                .withTimeouts(
                        Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(3));

        LookupResult<SmtpProbe> result =
                new SmtpProber(settings, verifier, Clock.systemUTC()).probe(HOST, List.of(loopback));

        assertThat(result).isInstanceOfSatisfying(LookupResult.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(failed.detail()).startsWith("could not reach port " + hole.port() + " of " + HOST);
        });
    }

    @Test
    void addressesAreTriedInOrderUntilOneAnswers() throws IOException {
        SmtpFixture smtp = fixture(Scenario.VALID);
        InetAddress unused = InetAddress.getByName("::1");

        SmtpProbe probe = found(prober(smtp).probe(HOST, List.of(unused, loopback)));

        assertThat(probe.address()).isEqualTo(loopback);
        assertThat(probe.outcome()).isEqualTo(Outcome.TLS_ESTABLISHED);
    }

    @Test
    void thePresentedChainIsMatchedAgainstTheTlsaRecords() throws Exception {
        SmtpFixture smtp = fixture(Scenario.VALID);
        ServerCertificate certificate = CA.issue(HOST);
        smtp.certificate(HOST, certificate);
        TlsaAnswer matching = TlsaAnswer.found(
                List.of(TestDaneVerifier.tlsa(3, 1, 1, TestDaneVerifier.spkiSha256(certificate.certificate()))), true);
        TlsaAnswer other = TlsaAnswer.found(List.of(TestDaneVerifier.tlsa(3, 1, 1, new byte[32])), true);

        SmtpProbe matched = found(prober(smtp).probe(HOST, List.of(loopback), completedFuture(matching)));
        SmtpProbe mismatched = found(prober(smtp).probe(HOST, List.of(loopback), completedFuture(other)));

        assertThat(matched.dane().status()).isEqualTo(Dane.Status.MATCH);
        assertThat(mismatched.dane().status()).isEqualTo(Dane.Status.MISMATCH);
        assertThat(mismatched.outcome()).isEqualTo(Outcome.TLS_ESTABLISHED);
    }

    @Test
    void withoutTlsSignedTlsaRecordsCannotBeMatched() throws Exception {
        TlsaAnswer records = TlsaAnswer.found(List.of(TestDaneVerifier.tlsa(3, 1, 1, new byte[32])), true);

        SmtpProbe probe =
                found(prober(fixture(Scenario.NO_STARTTLS)).probe(HOST, List.of(loopback), completedFuture(records)));

        assertThat(probe.dane().status()).isEqualTo(Dane.Status.NOT_CHECKED);
        assertThat(probe.dane().records()).hasSize(1);
    }

    @Test
    void aProbeWithoutTlsaLookupSaysDaneWasNotChecked() {
        SmtpProbe probe = found(prober(fixture(Scenario.VALID)).probe(HOST, List.of(loopback)));

        assertThat(probe.dane().status()).isEqualTo(Dane.Status.NOT_CHECKED);
    }

    @Test
    void noAddressIsAnAddressRefusal() {
        assertThat(prober(fixture(Scenario.VALID)).probe(HOST, List.of()))
                .isInstanceOfSatisfying(LookupResult.Failed.class, failed -> assertThat(failed.kind())
                        .isEqualTo(FailureKind.ADDRESS_REFUSED));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static TlsDetails established(SmtpFixture smtp) {
        SmtpProbe probe = found(prober(smtp).probe(HOST, List.of(loopback)));
        assertThat(probe.outcome()).isEqualTo(Outcome.TLS_ESTABLISHED);
        return probe.tls().orElseThrow();
    }

    static SmtpProbe found(LookupResult<SmtpProbe> result) {
        assertThat(result).isInstanceOf(LookupResult.Found.class);
        return result.found().orElseThrow();
    }

    private static SmtpFixture fixture(Scenario scenario) {
        SmtpFixture smtp = SmtpFixture.start(CA, scenario);
        CLOSE.add(smtp);
        return smtp;
    }

    private static SmtpProber prober(SmtpFixture smtp) {
        return prober(smtp.port());
    }

    private static SmtpProber prober(int port) {
        return new SmtpProber(settings(port), verifier, Clock.systemUTC());
    }

    private static SmtpSettings settings(SmtpFixture smtp) {
        return settings(smtp.port());
    }

    static SmtpSettings settings(int port) {
        return SmtpSettings.defaults()
                .withPort(port)
                .withEhloName("probe.mtasts.test")
                .withTimeouts(
                        Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(8));
    }

    private static SmtpFixture.Session awaitSession(SmtpFixture smtp) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (smtp.sessions().isEmpty() && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(10));
        }
        return smtp.sessions().getFirst();
    }

    /** A one-connection server on loopback that runs {@code script} on the connection's output, then closes it. */
    private static int scripted(Consumer<OutputStream> script) throws IOException {
        ServerSocket server = new ServerSocket(0, 4, loopback);
        CLOSE.add(server);
        Thread.ofVirtual().start(() -> {
            try (Socket socket = server.accept()) {
                script.accept(socket.getOutputStream());
            } catch (IOException e) {
                // the test is over
            }
        });
        return server.getLocalPort();
    }

    private static void write(OutputStream output, String text) {
        try {
            output.write(text.getBytes(StandardCharsets.ISO_8859_1));
            output.flush();
        } catch (IOException e) {
            // the client went away; the test looks at what it saw
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A listening socket whose accept queue is full, so that a further connect gets no answer and times out (the
     * kernel drops the SYN), as when a firewall drops outbound port 25. Skips the test where the kernel answers
     * instead.
     */
    private static final class BlackHole implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> fillers = new ArrayList<>();

        private BlackHole(ServerSocket server) {
            this.server = server;
        }

        static BlackHole open(InetAddress address) throws IOException {
            BlackHole hole = new BlackHole(new ServerSocket(0, 1, address));
            for (int attempt = 0; attempt < 32; attempt++) {
                Socket socket = new Socket();
                try {
                    socket.connect(new InetSocketAddress(address, hole.port()), 200);
                    hole.fillers.add(socket);
                } catch (SocketTimeoutException e) {
                    socket.close();
                    return hole;
                } catch (IOException e) {
                    socket.close();
                    break;
                }
            }
            hole.close();
            Assumptions.abort("this kernel does not drop connections to a full accept queue, so no connect timeout"
                    + " can be produced on loopback");
            return hole;
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            for (Socket socket : fillers) {
                socket.close();
            }
            server.close();
        }
    }
}
