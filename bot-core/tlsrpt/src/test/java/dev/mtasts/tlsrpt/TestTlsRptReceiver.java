package dev.mtasts.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.testing.MutableClock;
import dev.mtasts.tlsrpt.TlsRptReceiver.Reply;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS reporting endpoint's logic, called as the HTTP server calls it. */
class TestTlsRptReceiver {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @TempDir
    Path temporary;

    private JdbcHistoryStore history;
    private TlsRptService service;
    private TlsRptReceiver receiver;

    @BeforeEach
    void open() {
        MutableClock clock = new MutableClock(NOW);
        history = JdbcHistoryStore.open(StoreSettings.embedded(temporary.resolve("data")), clock);
        service = TlsRptService.over(history, 365, clock);
        receiver = new TlsRptReceiver(service);
    }

    @AfterEach
    void close() {
        history.close();
    }

    private Reply post(Optional<String> domain, String type, byte[] body) {
        return receiver.receive(domain, type, OptionalLong.of(body.length), new ByteArrayInputStream(body));
    }

    @Test
    void storesAGzipReportAndAcceptsItsResendOnce() {
        byte[] gzip = Reports.gzip(Reports.resource("rfc-example.json"));

        assertThat(post(Optional.empty(), "application/tlsrpt+gzip", gzip)).isEqualTo(new Reply(201, "stored\n"));
        assertThat(post(Optional.empty(), "application/tlsrpt+gzip", gzip))
                .isEqualTo(new Reply(200, "already stored\n"));
        assertThat(service.summary("example.com", 30, Optional.empty()).reports())
                .isEqualTo(1);
    }

    @Test
    void theJsonTypeWithParametersAndThePathDomain() {
        Reply reply = post(
                Optional.of("Example.COM"),
                "Application/TLSRPT+JSON; charset=utf-8",
                Reports.resource("deviations.json"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(service.summary("example.com", 30, Optional.empty()).organizations())
                .containsExactly("Big Mailbox Provider");
    }

    @Test
    void anotherContentTypeIs415() {
        byte[] body = Reports.resource("rfc-example.json");

        assertThat(post(Optional.empty(), "application/json", body).status()).isEqualTo(415);
        assertThat(post(Optional.empty(), null, body).status()).isEqualTo(415);
        assertThat(service.summary("example.com", 30, Optional.empty()).reports())
                .isZero();
    }

    @Test
    void aGzipBombIs413() {
        Reply reply = post(Optional.empty(), "application/tlsrpt+gzip", Reports.bomb(100));

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body()).startsWith("compression ratio over the limit");
    }

    @Test
    void aDeclaredLengthPastTheLimitIs413WithoutReading() {
        InputStream unread = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body must not be read");
            }
        };

        Reply reply = receiver.receive(
                Optional.empty(), "application/tlsrpt+json", OptionalLong.of(ReportLimits.TEN_MIB + 1), unread);

        assertThat(reply).isEqualTo(new Reply(413, "the report is larger than 10485760 bytes\n"));
    }

    @Test
    void anUndeclaredBodyPastTheLimitIs413() {
        byte[] big = new byte[(int) ReportLimits.TEN_MIB + 10];
        java.util.Arrays.fill(big, (byte) ' ');

        Reply reply = receiver.receive(
                Optional.empty(), "application/tlsrpt+json", OptionalLong.empty(), new ByteArrayInputStream(big));

        assertThat(reply.status()).isEqualTo(413);
    }

    @Test
    void aBodyThatIsNoReportIs400WithTheReason() {
        assertThat(post(Optional.empty(), "application/tlsrpt+json", Reports.resource("not-a-report.json")))
                .isEqualTo(new Reply(400, "not a TLS-RPT report: no organization-name\n"));
        assertThat(post(Optional.empty(), "application/tlsrpt+json", Reports.resource("deviations.json")))
                .isEqualTo(
                        new Reply(400, "no policy-domain in the report, the URL, the mail headers or the file name\n"));
        String deep =
                Reports.report("O", "r", "2026-12-01", "example.com", ", \"x\": " + "[".repeat(40) + "]".repeat(40));
        assertThat(post(Optional.empty(), "application/tlsrpt+json", Reports.utf8(deep))
                        .status())
                .isEqualTo(400);
        assertThat(post(Optional.of("not a domain!"), "application/tlsrpt+json", Reports.resource("rfc-example.json")))
                .isEqualTo(new Reply(400, "the path does not name a domain\n"));
    }

    @Test
    void aBrokenDatabaseIs503() {
        history.close();

        Reply reply = post(Optional.empty(), "application/tlsrpt+json", Reports.resource("rfc-example.json"));

        assertThat(reply.status()).isEqualTo(503);
    }
}
