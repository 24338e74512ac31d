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
import dev.mtasts.spi.Severity;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.DnsFixture.Misbehaviour;
import dev.mtasts.testing.HostileServer;
import dev.mtasts.testing.HttpsFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Misbehaving peers, through the real engine: each yields a clear finding within the per-domain deadline, never a
 * hang, an unbounded read, a crash or an internal address in the text. (3,000 MX records and an SMTP server that
 * stalls mid-STARTTLS are covered with the MX probing.)
 */
final class TestHostilePeers {
    private static final String DOMAIN = "example.com";
    private static final String STS = "_mta-sts." + DOMAIN;
    private static final String HOST = "mta-sts." + DOMAIN;
    private static final String POLICY = "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n";
    private static final Duration DEADLINE = Duration.ofSeconds(8);
    /** The deadline plus the time to build the report and stop the run. */
    private static final Duration WITHIN = DEADLINE.plusSeconds(3);

    @TempDir
    Path directory;

    private CertificateAuthority ca;
    private DnsFixture dns;
    private HttpsFixture https;

    @BeforeEach
    void start() {
        ca = CertificateAuthority.create();
        dns = DnsFixture.start();
        https = HttpsFixture.start(ca);
        dns.txt(STS, "v=STSv1; id=20261128T120000")
                .txt("_smtp._tls." + DOMAIN, "v=TLSRPTv1; rua=mailto:tls-reports@example.com")
                .mx(DOMAIN, 10, "mx1.example.com")
                .a("mx1.example.com", "127.0.0.1")
                .a(HOST, "127.0.0.1");
        https.policy(HOST, POLICY);
    }

    @AfterEach
    void stop() {
        https.close();
        dns.close();
    }

    @Test
    void aPolicyHostThatDripsAByteASecond() {
        https.respond(
                HOST,
                HttpsFixture.POLICY_PATH,
                HttpsFixture.Response.status(200).body(POLICY.repeat(20)).trickle(1, Duration.ofSeconds(1)));

        expectProblem(check(https.port()), "policy-fetch");
    }

    @Test
    void aTenMegabyteBodyIsReadOnlyUpToTheCap() {
        https.respond(
                HOST,
                HttpsFixture.POLICY_PATH,
                HttpsFixture.Response.status(200).body(POLICY + "#".repeat(10 * 1024 * 1024)));

        expectProblem(check(https.port()), "policy-fetch", "policy-syntax");
    }

    @Test
    void anEndlessChunkedBodyIsReadOnlyUpToTheCap() {
        https.respond(HOST, HttpsFixture.POLICY_PATH, HttpsFixture.Response.endlessChunked("#".repeat(4096) + "\n"));

        expectProblem(check(https.port()), "policy-fetch", "policy-syntax");
    }

    @ParameterizedTest
    @EnumSource(HostileServer.Behaviour.class)
    void aPolicyHostThatNeverSpeaksTlsOrSendsAnAlert(HostileServer.Behaviour behaviour) {
        try (HostileServer hostile = HostileServer.start(behaviour)) {
            expectProblem(check(hostile.port()), "policy-fetch");
            assertThat(hostile.accepted()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(Misbehaviour.class)
    void aDnsServerThatMisbehavesOnTheStsRecord(Misbehaviour how) {
        dns.misbehave(STS, "TXT", how);

        expectProblem(check(https.port()), "dns-record");
    }

    @Test
    void aCnameLoop() {
        DnsFixture looped = DnsFixture.start();
        try {
            looped.cname(STS, "loop-a.example.net")
                    .cname("loop-a.example.net", "loop-b.example.net")
                    .cname("loop-b.example.net", STS)
                    .a(HOST, "127.0.0.1");
            dns.close();
            dns = looped;
            expectProblem(check(https.port()), "dns-record");
        } finally {
            looped.close();
        }
    }

    @Test
    void aTxtRecordOfFortyStrings() {
        DnsFixture fresh = DnsFixture.start();
        List<String> strings = new ArrayList<>();
        strings.add("v=STSv1; id=20261128T120000; ");
        for (int index = 1; index < 40; index++) {
            strings.add("x" + index + "=" + "y".repeat(240) + "; ");
        }
        fresh.txt(STS, strings).a(HOST, "127.0.0.1").mx(DOMAIN, 10, "mx1.example.com");
        dns.close();
        dns = fresh;

        Report report = timed(https.port());

        CheckReport record = report.check("dns-record").orElseThrow();
        assertThat(record.findings()).isNotEmpty();
        assertClear(report);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private Report check(int httpsPort) {
        return timed(httpsPort);
    }

    private Report timed(int httpsPort) {
        EngineSettings settings = EngineSettings.defaults()
                .withResolvers(List.of(dns.hostAndPort()))
                .withCaFile(Optional.of(ca.writePem(directory.resolve("ca.pem"))))
                .withAllowedRanges(List.of("127.0.0.0/8"))
                .withHttpsPort(httpsPort)
                .withDnsTimeout(Duration.ofSeconds(1))
                .withHttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(4))
                .withDomainTimeout(DEADLINE);
        CheckService service = Guice.createInjector(
                        Stage.PRODUCTION,
                        new EngineModule(settings),
                        EngineModule.smtp(SmtpSettings.defaults().withMaxHosts(0)),
                        PluginChecksModule.of(new MtaStsCheckPlugin()))
                .getInstance(CheckService.class);
        long started = System.nanoTime();
        Report report = service.check((DomainInput.Valid) DomainInput.parse(DOMAIN));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).as("the check's duration").isLessThan(WITHIN);
        return report;
    }

    /** One of {@code checkIds} reports a warn or fail of its own (not a crash or a timeout); nothing leaks. */
    private void expectProblem(Report report, String... checkIds) {
        List<Finding> problems = new ArrayList<>();
        for (String id : checkIds) {
            problems.addAll(report.check(id).orElseThrow().problems());
        }
        assertThat(problems)
                .as("warn/fail findings of %s in %s", List.of(checkIds), report.checks())
                .isNotEmpty()
                .allSatisfy(finding -> assertThat(finding.severity()).isIn(Severity.WARN, Severity.FAIL));
        assertThat(problems).extracting(Finding::code).doesNotContain("check-error", "check-timeout");
        assertClear(report);
    }

    private void assertClear(Report report) {
        assertThat(report.findings()).extracting(Finding::code).doesNotContain("check-error");
        for (Finding finding : report.findings()) {
            assertThat(finding.message() + " " + finding.evidence())
                    .doesNotContain("Exception", "127.0.0.1:" + dns.port(), "(null)");
        }
    }
}
