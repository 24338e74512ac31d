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
import dev.mtasts.core.subscription.ChangeDetector;
import dev.mtasts.core.subscription.DomainState;
import dev.mtasts.core.subscription.DomainStates;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.Severity;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.HttpsFixture;
import dev.mtasts.testing.SmtpFixture;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mx-tls probes every address of an MX host (issue 17): an MX host whose second address presents a certificate for
 * another name fails on every run, whatever order the resolver returns its addresses in.
 */
final class TestMxAddressesAgainstFixtures {
    private static final String DOMAIN = "example.com";
    private static final String HOST = "mta-sts.example.com";
    private static final String MX = "mx1.example.com";
    private static final String POLICY = "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n";

    @TempDir
    Path directory;

    private CertificateAuthority ca;
    private DnsFixture dns;
    private HttpsFixture https;
    private SmtpFixture good;
    private SmtpFixture bad;

    @BeforeEach
    void start() throws Exception {
        ca = CertificateAuthority.create();
        dns = DnsFixture.start();
        https = HttpsFixture.start(ca);
        good = SmtpFixture.start(ca, SmtpFixture.Scenario.VALID, InetAddress.getByName("127.0.0.1"), 0);
        bad = SmtpFixture.start(ca, SmtpFixture.Scenario.WRONG_NAME, InetAddress.getByName("127.0.0.2"), good.port());
        dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=20261128T120000")
                .txt("_smtp._tls." + DOMAIN, "v=TLSRPTv1; rua=mailto:tls-reports@example.com")
                .mx(DOMAIN, 10, MX)
                .a(HOST, "127.0.0.1");
        https.policy(HOST, POLICY);
    }

    @AfterEach
    void stop() {
        bad.close();
        good.close();
        https.close();
        dns.close();
    }

    @Test
    void aWrongNameCertificateOnOneOfTwoAddressesFailsInEveryAnswerOrder() {
        dns.a(MX, "127.0.0.1", "127.0.0.2");

        Report given = check(4);
        dns.reverseAnswers(true);
        Report reversed = check(4);

        for (Report report : List.of(given, reversed)) {
            CheckReport mxTls = report.check(MxTlsCheck.ID).orElseThrow();
            assertThat(mxTls.severity()).as(mxTls.toString()).isEqualTo(Severity.FAIL);
            Finding split = mxTls.findings().stream()
                    .filter(finding -> finding.code().equals(MxTlsCode.MX_ADDRESSES_DIFFER.code()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no mx-addresses-differ in " + mxTls));
            assertThat(split.severity()).isEqualTo(Severity.FAIL);
            assertThat(split.message())
                    .contains("127.0.0.2 fails")
                    .contains("127.0.0.1 is fine")
                    .contains("tries the next");
            assertThat(mxTls.findings())
                    .filteredOn(finding -> finding.severity() == Severity.FAIL
                            && !finding.code().equals(MxTlsCode.MX_ADDRESSES_DIFFER.code()))
                    .isNotEmpty()
                    .allSatisfy(finding -> assertThat(finding.message()).contains(MX + " at 127.0.0.2"));
        }
        assertThat(reversed.check(MxTlsCheck.ID).orElseThrow().findings())
                .isEqualTo(given.check(MxTlsCheck.ID).orElseThrow().findings());
        assertThat(good.connections()).isEqualTo(2);
        assertThat(bad.connections()).isEqualTo(2);
    }

    @Test
    void aSubscriptionSeesNoChangeWhenOnlyTheAnswerOrderChanges() {
        dns.a(MX, "127.0.0.1", "127.0.0.2");
        Instant now = Instant.parse("2026-12-04T12:00:00Z");

        DomainState first = DomainStates.of(check(4));
        dns.reverseAnswers(true);
        DomainState second = DomainStates.of(check(4));
        dns.reverseAnswers(false);
        DomainState third = DomainStates.of(check(4));

        assertThat(ChangeDetector.detect(Optional.of(first), second, now.plusSeconds(3600))
                        .changes())
                .isEmpty();
        assertThat(ChangeDetector.detect(Optional.of(second), third, now.plusSeconds(7200))
                        .changes())
                .isEmpty();
    }

    @Test
    void anMxWithOneAddressBehavesAsBefore() {
        dns.a(MX, "127.0.0.1");

        CheckReport mxTls = check(4).check(MxTlsCheck.ID).orElseThrow();

        assertThat(mxTls.severity()).as(mxTls.toString()).isIn(Severity.PASS, Severity.INFO);
        assertThat(mxTls.findings())
                .extracting(Finding::code)
                .contains(MxTlsCode.MX_TLS_OK.code())
                .doesNotContain(MxTlsCode.MX_ADDRESSES_DIFFER.code(), MxTlsCode.MX_NOT_PROBED.code());
        assertThat(mxTls.findings())
                .allSatisfy(finding -> assertThat(finding.message()).doesNotContain(" at 127.0.0.1"));
        assertThat(bad.connections()).isZero();
    }

    @Test
    void addressesOverThePerHostLimitAreNamedNotProbed() {
        dns.a(MX, "127.0.0.2", "127.0.0.1");

        CheckReport mxTls = check(1).check(MxTlsCheck.ID).orElseThrow();

        // the lower address is probed whatever the answer order; the other is named
        assertThat(mxTls.findings()).extracting(Finding::code).contains(MxTlsCode.MX_TLS_OK.code());
        Finding notProbed = mxTls.findings().stream()
                .filter(finding -> finding.code().equals(MxTlsCode.MX_NOT_PROBED.code()))
                .findFirst()
                .orElseThrow();
        assertThat(notProbed.message()).contains("1 more address was not probed");
        assertThat(notProbed.evidence()).isEqualTo("127.0.0.2");
        assertThat(bad.connections()).isZero();
    }

    private Report check(int addressesPerHost) {
        EngineSettings settings = EngineSettings.defaults()
                .withResolvers(List.of(dns.hostAndPort()))
                .withCaFile(Optional.of(ca.writePem(directory.resolve("ca.pem"))))
                .withAllowedRanges(List.of("127.0.0.0/8"))
                .withHttpsPort(https.port())
                .withDomainTimeout(Duration.ofSeconds(20));
        CheckService service = Guice.createInjector(
                        Stage.PRODUCTION,
                        new EngineModule(settings),
                        EngineModule.smtp(SmtpSettings.defaults()
                                .withPort(good.port())
                                .withMaxAddressesPerHost(addressesPerHost)),
                        PluginChecksModule.of(new MtaStsCheckPlugin()))
                .getInstance(CheckService.class);
        return service.check((DomainInput.Valid) DomainInput.parse(DOMAIN));
    }
}
