package dev.mtasts.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Stage;
import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckService;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.Report;
import dev.mtasts.core.ReportReceipts;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.internal.PluginChecksModule;
import dev.mtasts.core.smtp.SmtpSettings;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.Severity;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.HttpsFixture;
import dev.mtasts.testing.SmtpFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checklist rules issue 17 left open (T12, S3, R10, R11), each through the real engine against the in-process DNS,
 * HTTPS and SMTP servers.
 */
final class TestOpenRulesAgainstFixtures {
    private static final String DOMAIN = "example.com";
    private static final String HOST = "mta-sts.example.com";
    private static final String MX = "mx1.example.com";
    private static final String POLICY = "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n";
    private static final String TLSRPT = "_smtp._tls." + DOMAIN;

    @TempDir
    Path directory;

    private CertificateAuthority ca;
    private DnsFixture dns;
    private HttpsFixture https;
    private SmtpFixture smtp;

    @BeforeEach
    void start() {
        ca = CertificateAuthority.create();
        dns = DnsFixture.start();
        https = HttpsFixture.start(ca);
        smtp = SmtpFixture.start(ca);
        dns.mx(DOMAIN, 10, MX).a(MX, "127.0.0.1").a(HOST, "127.0.0.1");
        https.policy(HOST, POLICY);
    }

    @AfterEach
    void stop() {
        smtp.close();
        https.close();
        dns.close();
    }

    // ---- T12 ----------------------------------------------------------------------------------------------------

    @Test
    void t12ACnameAndATxtRecordAtMtaStsWarn() {
        dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=own1")
                .conflictingCname("_mta-sts." + DOMAIN, "_mta-sts.provider.example")
                .txt("_mta-sts.provider.example", "v=STSv1; id=provider1")
                .txt(TLSRPT, Duration.ofHours(2), "v=TLSRPTv1; rua=mailto:tls-reports@example.com");

        CheckReport record = check().check(DnsRecordCheck.ID).orElseThrow();

        Finding conflict = only(record, DnsRecordCode.STS_RECORD_CNAME_CONFLICT);
        assertThat(conflict.severity()).isEqualTo(Severity.WARN);
        assertThat(conflict.message())
                .contains("_mta-sts.example.com holds a CNAME (to _mta-sts.provider.example)")
                .contains("one TXT record");
        assertThat(conflict.evidence())
                .contains("_mta-sts.example.com. 300 IN CNAME _mta-sts.provider.example.")
                .contains("_mta-sts.example.com. 300 IN TXT \"v=STSv1; id=own1\"");
        assertThat(conflict.remediation())
                .hasValueSatisfying(fix -> assertThat(fix.action()).contains("Keep one of them"));
        assertThat(record.severity()).isEqualTo(Severity.WARN);
    }

    @Test
    void t12APlainCnameIsNoConflict() {
        dns.cname("_mta-sts." + DOMAIN, "_mta-sts.provider.example")
                .txt("_mta-sts.provider.example", "v=STSv1; id=provider1")
                .txt(TLSRPT, Duration.ofHours(2), "v=TLSRPTv1; rua=mailto:tls-reports@example.com");

        CheckReport record = check().check(DnsRecordCheck.ID).orElseThrow();

        assertThat(codes(record))
                .contains(DnsRecordCode.STS_RECORD_CNAME.code())
                .doesNotContain(DnsRecordCode.STS_RECORD_CNAME_CONFLICT.code());
    }

    // ---- R11 ----------------------------------------------------------------------------------------------------

    @Test
    void r11AShortTtlWithoutDnssecIsInfo() {
        dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=20261128T120000")
                .txt(TLSRPT, Duration.ofSeconds(300), "v=TLSRPTv1; rua=mailto:tls-reports@example.com");

        CheckReport tlsRpt = check().check(TlsRptCheck.ID).orElseThrow();

        Finding exposed = only(tlsRpt, TlsRptCode.TLSRPT_RECORD_EXPOSED);
        assertThat(exposed.severity()).isEqualTo(Severity.INFO);
        assertThat(exposed.message()).contains("short TTL (300 s)").contains("not DNSSEC-signed");
        assertThat(exposed.evidence()).contains("_smtp._tls.example.com. 300 IN TXT");
        assertThat(tlsRpt.severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void r11ALongTtlOrASignedRecordSaysNothing() {
        dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=20261128T120000")
                .txt(TLSRPT, Duration.ofSeconds(3600), "v=TLSRPTv1; rua=mailto:tls-reports@example.com");
        assertThat(codes(check().check(TlsRptCheck.ID).orElseThrow()))
                .contains(TlsRptCode.TLSRPT_RECORD_VALID.code())
                .doesNotContain(TlsRptCode.TLSRPT_RECORD_EXPOSED.code());

        rebuildDns(fresh -> fresh.txt("_mta-sts." + DOMAIN, "v=STSv1; id=20261128T120000")
                .txt(TLSRPT, Duration.ofSeconds(300), "v=TLSRPTv1; rua=mailto:tls-reports@example.com")
                .authenticated(TLSRPT));
        assertThat(codes(check().check(TlsRptCheck.ID).orElseThrow()))
                .contains(TlsRptCode.TLSRPT_RECORD_VALID.code())
                .doesNotContain(TlsRptCode.TLSRPT_RECORD_EXPOSED.code());
    }

    // ---- S3 -----------------------------------------------------------------------------------------------------

    @Test
    void s3AHandshakeWithoutSniThatWorksIsInfoAndShowsTheFallbackCertificate() {
        wellConfigured();

        CheckReport mxTls = check(settings -> settings.withProbeWithoutSni(true))
                .check(MxTlsCheck.ID)
                .orElseThrow();

        Finding withoutSni = only(mxTls, MxTlsCode.MX_TLS_WITHOUT_SNI);
        assertThat(withoutSni.severity()).isEqualTo(Severity.INFO);
        assertThat(withoutSni.message())
                .contains("MX " + MX)
                .contains("completes a TLS handshake without SNI")
                .contains("not valid for " + MX);
        assertThat(withoutSni.evidence()).contains("SANs: localhost");
        assertThat(codes(mxTls)).contains(MxTlsCode.MX_TLS_OK.code());
        // one conversation with SNI, one without
        assertThat(smtp.connections()).isEqualTo(2);
    }

    @Test
    void s3AServerThatRefusesAHandshakeWithoutSniFails() {
        wellConfigured();
        smtp.requireSni(true);

        CheckReport mxTls = check(settings -> settings.withProbeWithoutSni(true))
                .check(MxTlsCheck.ID)
                .orElseThrow();

        Finding required = only(mxTls, MxTlsCode.MX_SNI_REQUIRED);
        assertThat(required.severity()).isEqualTo(Severity.FAIL);
        assertThat(required.message()).contains("refuses it without SNI").contains("RFC 8461 §7.1");
        assertThat(required.remediation()).hasValueSatisfying(fix -> {
            assertThat(fix.action()).contains("default certificate");
            assertThat(fix.fixTime().text()).contains("mail server change");
        });
        assertThat(mxTls.severity()).isEqualTo(Severity.FAIL);
        // the handshake with SNI still passes: only the probe without SNI fails
        assertThat(codes(mxTls)).contains(MxTlsCode.MX_TLS_OK.code());
    }

    @Test
    void s3TheProbeWithoutSniIsOffByDefault() {
        wellConfigured();
        smtp.requireSni(true);

        CheckReport mxTls = check().check(MxTlsCheck.ID).orElseThrow();

        assertThat(codes(mxTls)).doesNotContain(MxTlsCode.MX_SNI_REQUIRED.code(), MxTlsCode.MX_TLS_WITHOUT_SNI.code());
        assertThat(smtp.connections()).isEqualTo(1);
    }

    private void wellConfigured() {
        dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=20261128T120000")
                .txt(TLSRPT, Duration.ofHours(2), "v=TLSRPTv1; rua=mailto:tls-reports@example.com");
    }

    // ---- R10 ----------------------------------------------------------------------------------------------------

    private String endpoint(String host) {
        return "https://" + host + ":" + https.port() + "/tlsrpt";
    }

    @Test
    void r10AReachableHttpsRuaWithAValidCertificatePasses() {
        String rua = endpoint("reports.example.com");
        dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=20261128T120000")
                .txt(TLSRPT, Duration.ofHours(2), "v=TLSRPTv1; rua=" + rua)
                .a("reports.example.com", "127.0.0.1");
        https.respond("reports.example.com", "/tlsrpt", HttpsFixture.Response.status(405));

        CheckReport tlsRpt = check().check(TlsRptCheck.ID).orElseThrow();

        Finding ok = only(tlsRpt, TlsRptCode.TLSRPT_RUA_HTTPS_OK);
        assertThat(ok.severity()).isEqualTo(Severity.PASS);
        assertThat(ok.message()).contains(rua).contains("HTTP 405");
        assertThat(tlsRpt.severity()).isEqualTo(Severity.PASS);
        assertThat(https.requests())
                .filteredOn(request -> request.path().equals("/tlsrpt"))
                .hasSize(1);
    }

    @Test
    void r10ACertificateForAnotherNameWarns() {
        String rua = endpoint("reports.example.com");
        dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=20261128T120000")
                .txt(TLSRPT, Duration.ofHours(2), "v=TLSRPTv1; rua=" + rua)
                .a("reports.example.com", "127.0.0.1");
        https.certificate("reports.example.com", ca.issue("elsewhere.example.net"));

        CheckReport tlsRpt = check().check(TlsRptCheck.ID).orElseThrow();

        Finding certificate = only(tlsRpt, TlsRptCode.TLSRPT_RUA_HTTPS_CERTIFICATE);
        assertThat(certificate.severity()).isEqualTo(Severity.WARN);
        assertThat(certificate.message()).contains("not valid for reports.example.com");
        assertThat(certificate.evidence()).contains("SANs: elsewhere.example.net");
        assertThat(tlsRpt.severity()).isEqualTo(Severity.WARN);
    }

    @Test
    void r10AnUnreachableHttpsRuaWarnsAndAPrivateOneIsNotFetched() {
        String gone = endpoint("gone.example.com");
        String inside = "https://intranet.example.com/tlsrpt";
        dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=20261128T120000")
                .txt(TLSRPT, Duration.ofHours(2), "v=TLSRPTv1; rua=" + gone + "," + inside)
                .a("intranet.example.com", "10.1.2.3");

        CheckReport tlsRpt = check().check(TlsRptCheck.ID).orElseThrow();

        List<Finding> unreachable = tlsRpt.findings().stream()
                .filter(finding -> finding.code().equals(TlsRptCode.TLSRPT_RUA_HTTPS_UNREACHABLE.code()))
                .toList();
        assertThat(unreachable).hasSize(2).allSatisfy(finding -> assertThat(finding.severity())
                .isEqualTo(Severity.WARN));
        assertThat(unreachable.get(0).message()).contains(gone).contains("gone.example.com has no A or AAAA record");
        assertThat(unreachable.get(1).message()).contains(inside).contains("address guard");
        assertThat(tlsRpt.severity()).isEqualTo(Severity.WARN);
    }

    // ---- issue 15: reports received by this bot ------------------------------------------------------------------

    @Test
    void aRuaThatPointsAtThisBotSaysWhenTheLastReportArrived() {
        dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=20261128T120000")
                .txt(TLSRPT, Duration.ofHours(2), "v=TLSRPTv1; rua=mailto:TLSRPT@bot.example.net");
        Instant last = Instant.now().minus(Duration.ofHours(5));
        ReportReceipts receipts = receipts(List.of("mailto:tlsrpt@bot.example.net"), Optional.of(last));

        CheckReport tlsRpt =
                check(UnaryOperator.identity(), receipts).check(TlsRptCheck.ID).orElseThrow();

        Finding received = only(tlsRpt, TlsRptCode.TLSRPT_REPORTS_RECEIVED);
        assertThat(received.severity()).isEqualTo(Severity.INFO);
        assertThat(received.message())
                .contains("come to this bot (mailto:TLSRPT@bot.example.net)")
                .contains("5 hours ago")
                .contains(last.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString()
                        .substring(0, 13));
    }

    @Test
    void aRuaAtThisBotWithoutReportsSaysNoneArrivedAndOtherRuasSayNothing() {
        dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=20261128T120000")
                .txt(TLSRPT, Duration.ofHours(2), "v=TLSRPTv1; rua=https://bot.example.net/tlsrpt/example.com");
        ReportReceipts receipts = receipts(List.of("https://bot.example.net/tlsrpt"), Optional.empty());

        CheckReport tlsRpt =
                check(UnaryOperator.identity(), receipts).check(TlsRptCheck.ID).orElseThrow();

        assertThat(only(tlsRpt, TlsRptCode.TLSRPT_REPORTS_RECEIVED).message()).contains("none has arrived yet");

        ReportReceipts other = receipts(List.of("mailto:tlsrpt@bot.example.net"), Optional.empty());
        assertThat(codes(check(UnaryOperator.identity(), other)
                        .check(TlsRptCheck.ID)
                        .orElseThrow()))
                .doesNotContain(TlsRptCode.TLSRPT_REPORTS_RECEIVED.code());
    }

    private static ReportReceipts receipts(List<String> addresses, Optional<Instant> last) {
        return new ReportReceipts() {
            @Override
            public List<String> addresses() {
                return addresses;
            }

            @Override
            public Optional<Instant> lastReceived(String domain) {
                assertThat(domain).isEqualTo(DOMAIN);
                return last;
            }
        };
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private Report check() {
        return check(UnaryOperator.identity());
    }

    private Report check(UnaryOperator<SmtpSettings> smtpSettings) {
        return check(smtpSettings, ReportReceipts.none());
    }

    private Report check(UnaryOperator<SmtpSettings> smtpSettings, ReportReceipts receipts) {
        EngineSettings settings = EngineSettings.defaults()
                .withResolvers(List.of(dns.hostAndPort()))
                .withCaFile(Optional.of(ca.writePem(directory.resolve("ca.pem"))))
                .withAllowedRanges(List.of("127.0.0.0/8"))
                .withHttpsPort(https.port())
                .withDomainTimeout(Duration.ofSeconds(20));
        CheckService service = Guice.createInjector(
                        Stage.PRODUCTION,
                        new EngineModule(settings),
                        EngineModule.smtp(
                                smtpSettings.apply(SmtpSettings.defaults().withPort(smtp.port()))),
                        EngineModule.reports(receipts),
                        PluginChecksModule.of(new MtaStsCheckPlugin()))
                .getInstance(CheckService.class);
        return service.check((DomainInput.Valid) DomainInput.parse(DOMAIN));
    }

    private void rebuildDns(UnaryOperator<DnsFixture> records) {
        dns.close();
        dns = records.apply(
                DnsFixture.start().mx(DOMAIN, 10, MX).a(MX, "127.0.0.1").a(HOST, "127.0.0.1"));
    }

    private static List<String> codes(CheckReport report) {
        return report.findings().stream().map(Finding::code).toList();
    }

    private static Finding only(CheckReport report, FindingCode code) {
        List<Finding> matching = report.findings().stream()
                .filter(finding -> finding.code().equals(code.code()))
                .toList();
        assertThat(matching).as(report.toString()).hasSize(1);
        return matching.getFirst();
    }
}
