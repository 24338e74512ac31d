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
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.HttpsFixture;
import dev.mtasts.testing.SmtpFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 gap 2: a domain with 3,000 MX records is examined up to the lookup cap, with bounded queries. */
final class TestMxFanOutAgainstFixtures {
    private static final String DOMAIN = "example.com";
    private static final String HOST = "mta-sts.example.com";
    private static final int MX_COUNT = 3_000;

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
        dns.txt("_mta-sts." + DOMAIN, "v=STSv1; id=20261128T120000").a(HOST, "127.0.0.1");
        for (int index = 1; index <= MX_COUNT; index++) {
            // short names under one suffix, so the 3,000 records fit one (TCP) DNS message
            dns.mx(DOMAIN, index, index + ".m.example.com").a(index + ".m.example.com", "127.0.0.1");
        }
        https.policy(HOST, "version: STSv1\nmode: testing\nmx: *.m.example.com\nmax_age: 604800\n");
    }

    @AfterEach
    void stop() {
        smtp.close();
        https.close();
        dns.close();
    }

    @Test
    void onlyTheFirstMxHostsAreLookedUpAndTheFindingSaysHowManyWereNot() {
        Report report = check();

        CheckReport mxSync = report.check(MxSyncCheck.ID).orElseThrow();
        Finding skipped = mxSync.findings().stream()
                .filter(finding -> finding.code().equals(MxSyncCode.MX_HOSTS_NOT_EXAMINED.code()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no mx-hosts-not-examined in " + mxSync));
        assertThat(skipped.message()).startsWith("2980 of the 3000 MX hosts of example.com were not examined");
        assertThat(skipped.evidence()).contains("21.m.example.com");
        assertThat(mxSync.findings()).extracting(Finding::code).contains(MxSyncCode.MX_SYNC_OK.code());
        long addressQueries = dns.queries().stream()
                .filter(query ->
                        query.name().endsWith(".m.example.com.") || query.name().endsWith(".m.example.com"))
                .filter(query -> query.type().equals("A") || query.type().equals("AAAA"))
                .map(query -> query.name() + " " + query.type())
                .distinct()
                .count();
        assertThat(addressQueries).isBetween(2L, 40L);
        List<Finding> mxTls = report.check(MxTlsCheck.ID).orElseThrow().findings();
        assertThat(mxTls)
                .filteredOn(finding -> finding.code().equals(MxTlsCode.MX_NOT_PROBED.code()))
                .singleElement()
                .satisfies(finding -> assertThat(finding.message()).startsWith("2999 more MX hosts were not probed"));
    }

    private Report check() {
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
                                SmtpSettings.defaults().withPort(smtp.port()).withMaxHosts(1)),
                        PluginChecksModule.of(new MtaStsCheckPlugin()))
                .getInstance(CheckService.class);
        return service.check((DomainInput.Valid) DomainInput.parse(DOMAIN));
    }
}
