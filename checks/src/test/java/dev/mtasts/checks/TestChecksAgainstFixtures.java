package dev.mtasts.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Stage;
import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckService;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.Report;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.internal.PluginChecksModule;
import dev.mtasts.core.smtp.SmtpSettings;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.SenderView;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.HttpsFixture;
import dev.mtasts.testing.SmtpFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks through the real engine: real DNS queries to the {@link DnsFixture}, real TLS and HTTP to the
 * {@link HttpsFixture} with certificates from a throwaway CA. Each case names the checklist rule it covers.
 */
final class TestChecksAgainstFixtures {
    private static final String DOMAIN = "example.com";
    private static final String HOST = "mta-sts.example.com";
    private static final String GOOD_POLICY =
            "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmx: *.backup.example.com\nmax_age: 604800\n";

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
        dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=20261128T120000")
                .txt("_smtp._tls." + DOMAIN, "v=TLSRPTv1; rua=mailto:tls-reports@example.com")
                .mx(DOMAIN, 10, "mx1.example.com")
                .mx(DOMAIN, 20, "mx.backup.example.com")
                .a("mx1.example.com", "127.0.0.1")
                .a("mx.backup.example.com", "127.0.0.1")
                .a(HOST, "127.0.0.1");
        https.policy(HOST, GOOD_POLICY);
    }

    @AfterEach
    void stop() {
        smtp.close();
        https.close();
        dns.close();
    }

    @Test
    void aHealthyDeploymentPassesEveryCheckAndSendersApplyThePolicy() {
        Report report = check(List.of("127.0.0.0/8"));

        for (String id : List.of("dns-record", "policy-fetch", "policy-syntax", "mx-sync", "tls-rpt", "mx-tls")) {
            assertThat(report.check(id).orElseThrow().severity().label())
                    .as(id + ": " + report.check(id))
                    .isIn("pass", "info");
        }
        assertThat(report.sender()).hasValueSatisfying(sender -> {
            assertThat(sender.outcome()).isEqualTo(SenderView.Outcome.VALID);
            assertThat(sender.policy()).hasValueSatisfying(policy -> {
                assertThat(policy.id()).isEqualTo("20261128T120000");
                assertThat(policy.mode()).isEqualTo("enforce");
                assertThat(policy.mx()).containsExactly("mx1.example.com", "*.backup.example.com");
            });
        });
        assertThat(dns.queryCount("_mta-sts.example.com", "TXT")).isEqualTo(1);
        assertThat(https.requests()).hasSize(1);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                scenario(
                        "T1 no _mta-sts record",
                        "dns-record",
                        "sts-record-missing",
                        fixtures -> fixtures.rebuildDns(fresh ->
                                fresh.txt("_smtp._tls." + DOMAIN, "v=TLSRPTv1; rua=mailto:tls-reports@example.com"))),
                scenario(
                        "T3 multi-string record is concatenated without spaces",
                        "dns-record",
                        "sts-record-split-strings",
                        fixtures -> fixtures.replaceSts(List.of("v=STSv1; id=2026", "1128T120000"))),
                scenario(
                        "T5 two v=STSv1 records: senders see no policy",
                        "dns-record",
                        "sts-record-multiple",
                        fixtures -> fixtures.dns.txt("_mta-sts.example.com", "v=STSv1; id=second")),
                scenario(
                        "T8 trap: id=2024-01-01 parses as an extension, so the id is missing",
                        "dns-record",
                        "sts-record-id-invalid",
                        fixtures -> fixtures.replaceSts(List.of("v=STSv1; id=2024-01-01"))),
                scenario(
                        "T12 dangling CNAME",
                        "dns-record",
                        "sts-record-cname-broken",
                        fixtures -> fixtures.stsAsCname("gone.provider.example")),
                scenario(
                        "H4 a 301 is never followed",
                        "policy-fetch",
                        "policy-fetch-redirect",
                        fixtures -> fixtures.https.respond(
                                HOST,
                                HttpsFixture.POLICY_PATH,
                                HttpsFixture.Response.status(301)
                                        .header("Location", "https://www.example.com/mta-sts.txt"))),
                scenario(
                        "H4 a 404",
                        "policy-fetch",
                        "policy-fetch-status",
                        fixtures -> fixtures.https.respond(
                                HOST,
                                HttpsFixture.POLICY_PATH,
                                HttpsFixture.Response.status(404).body("not here"))),
                scenario(
                        "H2 expired certificate",
                        "policy-fetch",
                        "policy-cert-expired",
                        fixtures -> fixtures.https.certificate(
                                HOST, fixtures.ca.leaf(HOST).expired().issue())),
                scenario(
                        "H2 certificate for another name",
                        "policy-fetch",
                        "policy-cert-name-mismatch",
                        fixtures -> fixtures.https.certificate(HOST, fixtures.ca.issue("www.example.com"))),
                scenario(
                        "H2 untrusted certificate",
                        "policy-fetch",
                        "policy-cert-untrusted",
                        fixtures -> fixtures.https.certificate(
                                HOST, CertificateAuthority.create("Rogue CA").issue(HOST))),
                scenario(
                        "H2 certificate expiring within 14 days",
                        "policy-fetch",
                        "policy-cert-expires-soon",
                        fixtures -> fixtures.https.certificate(
                                HOST,
                                fixtures.ca
                                        .leaf(HOST)
                                        .expiresIn(Duration.ofDays(5))
                                        .issue())),
                scenario(
                        "H6 text/html is rejected by deployed senders",
                        "policy-fetch",
                        "policy-content-type",
                        fixtures -> fixtures.https.respond(
                                HOST,
                                HttpsFixture.POLICY_PATH,
                                HttpsFixture.Response.status(200)
                                        .header("Content-Type", "text/html")
                                        .body(GOOD_POLICY))),
                scenario(
                        "H7 a body over 64 KiB",
                        "policy-fetch",
                        "policy-too-large",
                        fixtures -> fixtures.https.respond(
                                HOST,
                                HttpsFixture.POLICY_PATH,
                                HttpsFixture.Response.status(200)
                                        .header("Content-Type", "text/plain")
                                        .body(GOOD_POLICY + "x-padding: " + "x".repeat(70 * 1024) + "\n"))),
                scenario(
                        "H11 the policy host resolves to a private address",
                        "policy-fetch",
                        "policy-host-address-refused",
                        fixtures -> fixtures.dns.a("mta-sts.other.example", "10.1.2.3"),
                        "other.example"),
                scenario(
                        "P1 CRLF line endings are valid (info)",
                        "policy-syntax",
                        "policy-line-endings",
                        fixtures -> fixtures.https.policy(HOST, GOOD_POLICY.replace("\n", "\r\n"))),
                scenario(
                        "P1 mixed line endings warn",
                        "policy-syntax",
                        "policy-line-endings-mixed",
                        fixtures -> fixtures.https.policy(HOST, GOOD_POLICY.replaceFirst("\n", "\r\n"))),
                scenario(
                        "P1 a bare CR fails",
                        "policy-syntax",
                        "policy-bare-cr",
                        fixtures -> fixtures.https.policy(HOST, GOOD_POLICY.replaceFirst("\n", "\r"))),
                scenario(
                        "P12 a BOM hides the version",
                        "policy-syntax",
                        "policy-bom",
                        fixtures -> fixtures.https.respond(
                                HOST,
                                HttpsFixture.POLICY_PATH,
                                HttpsFixture.Response.status(200)
                                        .header("Content-Type", "text/plain")
                                        .body(concat(
                                                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                                                GOOD_POLICY.getBytes(StandardCharsets.UTF_8))))),
                scenario(
                        "P9 a comma list of mx",
                        "policy-syntax",
                        "policy-mx-list",
                        fixtures -> fixtures.https.policy(
                                HOST,
                                GOOD_POLICY.replace("mx: mx1.example.com", "mx: mx1.example.com, mx2.example.com"))),
                scenario(
                        "P7 near-miss key nmx",
                        "policy-syntax",
                        "policy-key-near-miss",
                        fixtures -> fixtures.https.policy(HOST, GOOD_POLICY.replace("mx: mx1", "nmx: mx1"))),
                scenario(
                        "M3 an MX the policy does not cover, in enforce",
                        "mx-sync",
                        "mx-unmatched",
                        fixtures -> fixtures.dns
                                .mx(DOMAIN, 30, "deep.mx.backup.example.com")
                                .a("deep.mx.backup.example.com", "127.0.0.1")),
                scenario(
                        "R7 a DMARC-style !10m suffix",
                        "tls-rpt",
                        "tlsrpt-rua-unencoded",
                        fixtures -> fixtures.replaceTlsRpt("v=TLSRPTv1; rua=mailto:tls@example.com!10m")),
                scenario(
                        "R12 mailto rua whose domain has no MX and no address",
                        "tls-rpt",
                        "tlsrpt-rua-undeliverable",
                        fixtures -> fixtures.replaceTlsRpt("v=TLSRPTv1; rua=mailto:tls@no-mail.example.net")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsTheFinding(
            String name, String checkId, String code, Consumer<TestChecksAgainstFixtures> setUp, String domain) {
        if (!domain.equals(DOMAIN)) {
            dns.txt("_mta-sts." + domain, "v=STSv1; id=1")
                    .mx(domain, 10, "mx1." + domain)
                    .a("mx1." + domain, "127.0.0.1");
        }
        setUp.accept(this);

        Report report = check(domain, List.of("127.0.0.0/8"));

        CheckReport check = report.check(checkId).orElseThrow();
        assertThat(check.findings())
                .as(name + " → " + check)
                .extracting(Finding::code)
                .contains(code);
        Finding finding = check.findings().stream()
                .filter(f -> f.code().equals(code))
                .findFirst()
                .orElseThrow();
        if (finding.severity().label().equals("warn")
                || finding.severity().label().equals("fail")) {
            assertThat(finding.remediation()).as("remediation of " + code).isPresent();
        }
    }

    @Test
    void aSlowPolicyHostWarns() {
        https.respond(
                HOST,
                HttpsFixture.POLICY_PATH,
                HttpsFixture.Response.status(200)
                        .header("Content-Type", "text/plain")
                        .body(GOOD_POLICY)
                        .delay(Duration.ofMillis(4300)));

        Report report = check(List.of("127.0.0.0/8"));

        assertThat(report.check("policy-fetch").orElseThrow().findings())
                .extracting(Finding::code)
                .contains("policy-fetch-slow");
    }

    private static Arguments scenario(
            String name, String checkId, String code, Consumer<TestChecksAgainstFixtures> setUp) {
        return Arguments.of(name, checkId, code, setUp, DOMAIN);
    }

    private static Arguments scenario(
            String name, String checkId, String code, Consumer<TestChecksAgainstFixtures> setUp, String domain) {
        return Arguments.of(name, checkId, code, setUp, domain);
    }

    private Report check(List<String> allowed) {
        return check(DOMAIN, allowed);
    }

    private Report check(String domain, List<String> allowed) {
        EngineSettings settings = EngineSettings.defaults()
                .withResolvers(List.of(dns.hostAndPort()))
                .withCaFile(Optional.of(ca.writePem(directory.resolve("ca.pem"))))
                .withAllowedRanges(allowed)
                .withHttpsPort(https.port())
                .withDomainTimeout(Duration.ofSeconds(20));
        CheckService service = Guice.createInjector(
                        Stage.PRODUCTION,
                        new EngineModule(settings),
                        EngineModule.smtp(SmtpSettings.defaults().withPort(smtp.port())),
                        PluginChecksModule.of(new MtaStsCheckPlugin()))
                .getInstance(CheckService.class);
        return service.check((DomainInput.Valid) DomainInput.parse(domain));
    }

    /** Replaces the DNS fixture by one with the base MX and address records plus whatever {@code extra} adds. */
    private void rebuildDns(Consumer<DnsFixture> extra) {
        dns.close();
        DnsFixture fresh = DnsFixture.start();
        copyBase(fresh);
        extra.accept(fresh);
        dns = fresh;
    }

    private void replaceSts(List<String> strings) {
        rebuildDns(fresh -> fresh.txt("_mta-sts." + DOMAIN, strings)
                .txt("_smtp._tls." + DOMAIN, "v=TLSRPTv1; rua=mailto:tls-reports@example.com"));
    }

    private void replaceTlsRpt(String record) {
        rebuildDns(fresh ->
                fresh.txt("_mta-sts." + DOMAIN, "v=STSv1; id=20261128T120000").txt("_smtp._tls." + DOMAIN, record));
    }

    private void stsAsCname(String target) {
        rebuildDns(fresh -> fresh.txt("_smtp._tls." + DOMAIN, "v=TLSRPTv1; rua=mailto:tls-reports@example.com")
                .cname("_mta-sts." + DOMAIN, target));
    }

    private static void copyBase(DnsFixture fresh) {
        fresh.mx(DOMAIN, 10, "mx1.example.com")
                .mx(DOMAIN, 20, "mx.backup.example.com")
                .a("mx1.example.com", "127.0.0.1")
                .a("mx.backup.example.com", "127.0.0.1")
                .a(HOST, "127.0.0.1");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] out = new byte[first.length + second.length];
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }
}
