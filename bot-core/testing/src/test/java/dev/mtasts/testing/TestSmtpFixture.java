package dev.mtasts.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtasts.testing.SmtpFixture.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

final class TestSmtpFixture {
    private static final String HOST = "mx1.example.com";
    private static final CertificateAuthority CA = CertificateAuthority.create();
    private static final List<SmtpFixture> FIXTURES = new ArrayList<>();

    @AfterAll
    static void closeFixtures() {
        FIXTURES.forEach(SmtpFixture::close);
    }

    @Test
    void validScenarioOffersStarttlsAndPresentsATrustedCertificateForTheSniName() throws Exception {
        SmtpFixture smtp = fixture(Scenario.VALID);
        try (Client client = Client.connect(smtp)) {
            assertThat(client.reply()).containsExactly("220 " + SmtpFixture.SERVER_NAME + " ESMTP mtasts fixture");
            assertThat(client.command("EHLO probe.example"))
                    .contains("250-STARTTLS")
                    .last()
                    .asString()
                    .startsWith("250 ");
            assertThat(client.command("STARTTLS")).containsExactly("220 2.0.0 Ready to start TLS");

            SSLSocket tls = client.startTls(CA.clientContext(), HOST);

            X509Certificate leaf = (X509Certificate) tls.getSession().getPeerCertificates()[0];
            assertThat(dnsNames(leaf)).containsExactly(HOST);
            assertThat(client.command("QUIT")).containsExactly("221 2.0.0 Bye");
        }
        assertThat(awaitSessions(smtp, 1).getFirst()).satisfies(session -> {
            assertThat(session.serverName()).contains(HOST);
            assertThat(session.tlsProtocol())
                    .hasValueSatisfying(protocol -> assertThat(protocol).startsWith("TLSv1."));
            assertThat(session.commands()).containsExactly("EHLO probe.example", "STARTTLS", "QUIT");
        });
    }

    @Test
    void wrongNameScenarioPresentsATrustedCertificateForAnotherName() throws Exception {
        X509Certificate leaf = handshake(fixture(Scenario.WRONG_NAME), CA.clientContext());

        assertThat(dnsNames(leaf)).containsExactly(SmtpFixture.WRONG_NAME);
        leaf.checkValidity();
    }

    @Test
    void expiredScenarioPresentsACertificateThatHasExpired() throws Exception {
        X509Certificate leaf = handshake(fixture(Scenario.EXPIRED), TestSmtpFixture::trustAll);

        assertThat(leaf.getNotAfter().toInstant()).isBefore(Instant.now());
        assertThat(dnsNames(leaf)).containsExactly(HOST);
    }

    @Test
    void expiringSoonScenarioPresentsACertificateEndingWithinAWeek() throws Exception {
        X509Certificate leaf = handshake(fixture(Scenario.EXPIRING_SOON), CA.clientContext());

        assertThat(leaf.getNotAfter().toInstant())
                .isAfter(Instant.now())
                .isBefore(
                        Instant.now().plus(SmtpFixture.EXPIRING_SOON_REMAINING).plusSeconds(60));
    }

    @Test
    void untrustedScenarioFailsAValidatingHandshakeButNotOneTrustingItsAuthority() throws Exception {
        SmtpFixture smtp = fixture(Scenario.UNTRUSTED);

        assertThatThrownBy(() -> handshake(smtp, CA.clientContext())).isInstanceOf(SSLHandshakeException.class);
        X509Certificate leaf = handshake(smtp, smtp.untrustedAuthority().clientContext());
        assertThat(dnsNames(leaf)).containsExactly(HOST);
    }

    @Test
    void certificateGivenForAHostWinsOverTheScenario() throws Exception {
        SmtpFixture smtp = fixture(Scenario.VALID);
        smtp.certificate(HOST, CA.issue("explicit.example.net"));

        X509Certificate leaf = handshake(smtp, CA.clientContext());

        assertThat(dnsNames(leaf)).containsExactly("explicit.example.net");
    }

    @Test
    void noStarttlsScenarioLeavesItOutOfEhloAndRejectsTheCommand() throws Exception {
        try (Client client = Client.connect(fixture(Scenario.NO_STARTTLS))) {
            client.reply();
            assertThat(client.command("EHLO probe.example")).noneMatch(line -> line.contains("STARTTLS"));
            assertThat(client.command("STARTTLS")).singleElement().asString().startsWith("502 ");
        }
    }

    @Test
    void starttlsRefusedScenarioOffersItThenAnswers454() throws Exception {
        try (Client client = Client.connect(fixture(Scenario.STARTTLS_REFUSED))) {
            client.reply();
            assertThat(client.command("EHLO probe.example")).contains("250-STARTTLS");
            assertThat(client.command("STARTTLS")).singleElement().asString().startsWith("454 4.7.0 ");
        }
    }

    @Test
    void hangScenarioGreetsThenNeverAnswers() throws Exception {
        SmtpFixture smtp = fixture(Scenario.HANG_AFTER_BANNER);
        try (Client client = Client.connect(smtp)) {
            assertThat(client.reply()).singleElement().asString().startsWith("220 ");
            client.socket.setSoTimeout(300);
            client.send("EHLO probe.example");
            assertThatThrownBy(client::reply).isInstanceOf(SocketTimeoutException.class);
        }
        assertThat(awaitSessions(smtp, 1).getFirst().commands()).containsExactly("EHLO probe.example");
    }

    @Test
    void garbageScenarioGreetsWithSomethingThatIsNotSmtp() throws Exception {
        try (Client client = Client.connect(fixture(Scenario.GARBAGE_BANNER))) {
            assertThat(client.line()).startsWith("SSH-2.0-");
        }
    }

    @Test
    void tls10OnlyScenarioSelectsTls10SoAModernClientRefusesTheHandshake() throws Exception {
        SmtpFixture smtp = fixture(Scenario.TLS_1_0_ONLY);

        assertThatThrownBy(() -> handshake(smtp, TestSmtpFixture::trustAll))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("TLS10");
    }

    @Test
    void connectionsAreCountedOnAcceptAndScenariosCanBeSwitched() throws Exception {
        SmtpFixture smtp = fixture(Scenario.NO_STARTTLS);
        try (Client client = Client.connect(smtp)) {
            client.reply();
            assertThat(client.command("EHLO a.example")).noneMatch(line -> line.contains("STARTTLS"));
        }
        smtp.scenario(Scenario.VALID);
        try (Client client = Client.connect(smtp)) {
            client.reply();
            assertThat(client.command("EHLO a.example")).contains("250-STARTTLS");
        }

        assertThat(smtp.connections()).isEqualTo(2);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static SmtpFixture fixture(Scenario scenario) {
        SmtpFixture smtp = SmtpFixture.start(CA, scenario);
        FIXTURES.add(smtp);
        return smtp;
    }

    /** Greeting, EHLO, STARTTLS and a handshake with SNI {@value #HOST}; returns the leaf. */
    private static X509Certificate handshake(SmtpFixture smtp, SSLContext context) throws IOException {
        return handshake(smtp, () -> context);
    }

    private interface ContextSource {
        SSLContext get() throws GeneralSecurityException;
    }

    private static X509Certificate handshake(SmtpFixture smtp, ContextSource source) throws IOException {
        SSLContext context;
        try {
            context = source.get();
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException(exception);
        }
        try (Client client = Client.connect(smtp)) {
            client.reply();
            client.command("EHLO probe.example");
            assertThat(client.command("STARTTLS")).singleElement().asString().startsWith("220 ");
            SSLSocket tls = client.startTls(context, HOST);
            return (X509Certificate) tls.getSession().getPeerCertificates()[0];
        }
    }

    private static List<SmtpFixture.Session> awaitSessions(SmtpFixture smtp, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (smtp.sessions().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return smtp.sessions();
    }

    private static List<String> dnsNames(X509Certificate certificate) throws CertificateParsingException {
        List<String> names = new ArrayList<>();
        for (List<?> name : certificate.getSubjectAlternativeNames()) {
            if (Integer.valueOf(2).equals(name.get(0))) {
                names.add((String) name.get(1));
            }
        }
        return names;
    }

    /** A client context that accepts any chain, to look at certificates a validating client would refuse. */
    private static SSLContext trustAll() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustEverything()}, null);
        return context;
    }

    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** A minimal SMTP client: line-oriented, replies read until the final line. */
    private static final class Client implements AutoCloseable {
        private final Socket socket;
        private InputStream input;
        private OutputStream output;

        private Client(Socket socket) throws IOException {
            this.socket = socket;
            this.input = socket.getInputStream();
            this.output = socket.getOutputStream();
            socket.setSoTimeout(5_000);
        }

        static Client connect(SmtpFixture smtp) throws IOException {
            return new Client(new Socket(smtp.address().getAddress(), smtp.port()));
        }

        void send(String command) throws IOException {
            output.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            output.flush();
        }

        List<String> command(String command) throws IOException {
            send(command);
            return reply();
        }

        List<String> reply() throws IOException {
            List<String> lines = new ArrayList<>();
            while (true) {
                String line = line();
                lines.add(line);
                if (line.length() < 4 || line.charAt(3) != '-') {
                    return lines;
                }
            }
        }

        String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                int next = input.read();
                if (next < 0) {
                    throw new IOException("connection closed");
                }
                if (next == '\n') {
                    String text = line.toString(StandardCharsets.US_ASCII);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(next);
            }
        }

        SSLSocket startTls(SSLContext context, String host) throws IOException {
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, host, socket.getPort(), true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(host)));
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            input = tls.getInputStream();
            output = tls.getOutputStream();
            return tls;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
