package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckService;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.smtp.SmtpSettings;
import dev.mtasts.spi.Finding;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.tlsrpt.ImportOutcome;
import dev.mtasts.tlsrpt.ReportSource;
import dev.mtasts.tlsrpt.TlsRptService;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: {@code serve} hands the engine its report store and {@code tlsrpt.report-addresses} (the same {@link
 * ServeCommand#receipts} it binds), so the {@code tls-rpt} check of a domain whose rua points at the bot says when
 * its latest report arrived, read from the real store.
 */
final class TestReportsReceivedInCheck {
    private static final String DOMAIN = "example.com";
    private static final String REPORT = """
            {"organization-name": "Company-X",
             "date-range": {"start-datetime": "2026-11-20T00:00:00Z", "end-datetime": "2026-11-20T23:59:59Z"},
             "contact-info": "sts-reporting@company-x.example",
             "report-id": "r-15",
             "policies": [{
               "policy": {"policy-type": "sts", "policy-domain": "example.com", "mx-host": ["mx1.example.com"]},
               "summary": {"total-successful-session-count": 10, "total-failure-session-count": 0}}]}
            """;

    @TempDir
    Path temporary;

    private JdbcHistoryStore history;
    private TlsRptService reports;
    private DnsFixture dns;

    @BeforeEach
    void start() {
        history = JdbcHistoryStore.open(StoreSettings.embedded(temporary.resolve("data")), Clock.systemUTC());
        reports = TlsRptService.over(history, 3650, Clock.systemUTC());
        dns = DnsFixture.start()
                .txt("_smtp._tls." + DOMAIN, Duration.ofHours(2), "v=TLSRPTv1; rua=mailto:TLSRPT@bot.example.net");
    }

    @AfterEach
    void stop() {
        dns.close();
        history.close();
    }

    @Test
    void noReportYetThenTheLatestArrival() {
        List<String> addresses = List.of("mailto:tlsrpt@bot.example.net");

        assertThat(received(addresses).message()).contains("none has arrived yet");

        ImportOutcome outcome = reports.accept(
                new ByteArrayInputStream(REPORT.getBytes(StandardCharsets.UTF_8)), ReportSource.ofFileName("r.json"));
        assertThat(outcome).isInstanceOf(ImportOutcome.Stored.class);

        assertThat(received(addresses).message())
                .contains("come to this bot (mailto:TLSRPT@bot.example.net)")
                .contains("The latest arrived just now");
    }

    @Test
    void withoutReportAddressesTheCheckSaysNothing() {
        CheckReport tlsRpt = check(List.of());

        assertThat(tlsRpt.findings()).extracting(Finding::code).doesNotContain("tlsrpt-reports-received");
    }

    private Finding received(List<String> addresses) {
        return check(addresses).findings().stream()
                .filter(finding -> finding.code().equals("tlsrpt-reports-received"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no tlsrpt-reports-received in " + check(addresses)));
    }

    private CheckReport check(List<String> addresses) {
        EngineSettings settings = EngineSettings.defaults()
                .withResolvers(List.of(dns.hostAndPort()))
                .withAllowedRanges(List.of("127.0.0.0/8"))
                .withDomainTimeout(Duration.ofSeconds(20));
        // the injector serve builds (explicit bindings, plugins from the ServiceLoader), with the receipts it binds
        CheckService service = Bootstrap.injector(
                        settings,
                        history,
                        EngineModule.smtp(SmtpSettings.defaults().withMaxHosts(0)),
                        EngineModule.reports(ServeCommand.receipts(addresses, reports)))
                .getInstance(CheckService.class);
        return service.check((DomainInput.Valid) DomainInput.parse(DOMAIN))
                .check("tls-rpt")
                .orElseThrow();
    }
}
