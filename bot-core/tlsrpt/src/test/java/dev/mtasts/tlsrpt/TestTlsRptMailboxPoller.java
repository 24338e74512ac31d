package dev.mtasts.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.testing.MutableClock;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mailbox poller against GreenMail, an IMAP server in this JVM on loopback. */
class TestTlsRptMailboxPoller {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @TempDir
    Path temporary;

    private GreenMail mailServer;
    private GreenMailUser user;
    private JdbcHistoryStore history;
    private TlsRptService service;

    @BeforeEach
    void start() {
        mailServer = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());
        mailServer.start();
        user = mailServer.setUser("tlsrpt@example.com", "tlsrpt", "secret");
        MutableClock clock = new MutableClock(NOW);
        history = JdbcHistoryStore.open(StoreSettings.embedded(temporary.resolve("data")), clock);
        service = TlsRptService.over(history, 365, clock);
    }

    @AfterEach
    void stop() {
        history.close();
        mailServer.stop();
    }

    private ImapSettings settings() {
        return new ImapSettings(
                "127.0.0.1",
                mailServer.getImap().getPort(),
                false,
                "tlsrpt",
                Optional.of("secret"),
                "INBOX",
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                false);
    }

    private void deliver(byte[] message) throws Exception {
        user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message)));
    }

    @Test
    void importsWhatArrivesAndMarksItRead() throws Exception {
        deliver(Reports.resource("mail-org.eml"));
        deliver(Reports.utf8("From: a@b.example\r\nSubject: hello\r\nContent-Type: text/plain\r\n\r\nno report\r\n"));
        deliver(Reports.utf8(TestMailReports.message(
                "TLS-Report-Domain: example.com\r\n", "application/tlsrpt+gzip", "bomb.json.gz", Reports.bomb(50))));
        TlsRptMailboxPoller poller = new TlsRptMailboxPoller(settings(), service);

        TlsRptMailboxPoller.Poll poll = poller.pollOnce();

        assertThat(poll.messages()).isEqualTo(3);
        assertThat(poll.outcomes()).hasSize(3);
        assertThat(poll.outcomes().get(0)).isInstanceOf(ImportOutcome.Stored.class);
        assertThat(poll.outcomes().get(1).line()).isEqualTo("rejected: no TLS-RPT report attached to the message");
        assertThat(poll.outcomes().get(2).line()).startsWith("rejected: compression ratio over the limit");
        assertThat(service.summary("example.com", 30, Optional.empty()).organizations())
                .containsExactly("Mail Org");
        for (MimeMessage message : mailServer.getReceivedMessages()) {
            assertThat(message.getFlags().contains(Flags.Flag.SEEN)).isTrue();
        }
        assertThat(poller.pollOnce().messages()).isZero();
    }

    @Test
    void startPollsUntilStopped() throws Exception {
        deliver(Reports.resource("mail-org.eml"));
        try (TlsRptMailboxPoller poller = new TlsRptMailboxPoller(settings(), service)) {
            poller.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (service.lastReceived("example.com").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            poller.stop();
        }
        assertThat(service.lastReceived("example.com")).contains(NOW);
    }

    @Test
    void aMessageThatCouldNotBeStoredStaysUnread() throws Exception {
        deliver(Reports.resource("mail-org.eml"));
        history.close();

        TlsRptMailboxPoller.Poll poll = new TlsRptMailboxPoller(settings(), service).pollOnce();

        assertThat(poll.outcomes()).isEmpty();
        assertThat(mailServer.getReceivedMessages()[0].getFlags().contains(Flags.Flag.SEEN))
                .isFalse();
    }
}
