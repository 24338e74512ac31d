package dev.mtasts.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;
import dev.mtasts.core.ReportReceipts;
import dev.mtasts.core.dns.DnsClient;
import dev.mtasts.core.metrics.Metrics;
import dev.mtasts.core.net.AddressGuard;
import dev.mtasts.core.net.CertificateVerifier;
import dev.mtasts.core.net.Cidr;
import dev.mtasts.core.net.HttpsFetcher;
import dev.mtasts.core.smtp.SmtpProbeCache;
import dev.mtasts.core.smtp.SmtpProber;
import dev.mtasts.core.smtp.SmtpSettings;
import dev.mtasts.core.smtp.TlsaLookup;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.LookupResult.FailureKind;
import dev.mtasts.spi.MxAnswer;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.HttpsFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real context against the DNS and HTTPS fixtures: memoisation, the address guard, parallel lookups. */
final class TestLiveDomainContext {
    @TempDir
    Path directory;

    private DnsFixture dns;
    private HttpsFixture https;
    private CertificateAuthority ca;

    @BeforeEach
    void start() {
        dns = DnsFixture.start();
        ca = CertificateAuthority.create();
        https = HttpsFixture.start(ca);
        dns.txt("_mta-sts.example.com", "v=STSv1; id=20261128")
                .txt("_smtp._tls.example.com", "v=TLSRPTv1; rua=mailto:tls@example.com")
                .mx("example.com", 10, "mx1.example.com")
                .mx("example.com", 20, "mx2.example.com")
                .a("mx1.example.com", "127.0.0.11")
                .a("mx2.example.com", "127.0.0.12")
                .a("mta-sts.example.com", "127.0.0.1");
        https.policy("mta-sts.example.com", "version: STSv1\nmode: enforce\nmx: *.example.com\nmax_age: 86400\n");
    }

    @AfterEach
    void stop() {
        https.close();
        dns.close();
    }

    @Test
    void checksShareOneQueryPerNameAndTypeAndOneFetch() {
        List<Check> checks = List.of(
                TestCheckRunner.check("one", this::touchEverything),
                TestCheckRunner.check("two", this::touchEverything),
                TestCheckRunner.check("three", this::touchEverything),
                TestCheckRunner.check("four", this::touchEverything),
                TestCheckRunner.check("five", this::touchEverything));

        Report report = runner(List.of("127.0.0.0/8"), checks).run("example.com", "example.com", ProgressListener.NONE);

        assertThat(report.findings()).extracting(Finding::code).containsOnly("touched");
        assertThat(report.policyBody())
                .hasValueSatisfying(body -> assertThat(body).startsWith("version: STSv1"));
        assertThat(dns.queryCount("_mta-sts.example.com", "TXT")).isEqualTo(1);
        assertThat(dns.queryCount("example.com", "MX")).isEqualTo(1);
        assertThat(dns.queryCount("mx1.example.com", "A")).isEqualTo(1);
        assertThat(dns.queryCount("mta-sts.example.com", "A")).isEqualTo(1);
        assertThat(https.requests()).hasSize(1);
    }

    @Test
    void theAddressGuardRefusesLoopbackUnlessAllowed() {
        Check fetch = TestCheckRunner.check("fetch", context -> {
            LookupResult<?> result = context.policyFile();
            return CheckResult.of(Finding.info("result", result.describe()));
        });

        Report refused = runner(List.of(), List.of(fetch)).run("example.com", "example.com", ProgressListener.NONE);

        assertThat(refused.findings()).singleElement().satisfies(finding -> assertThat(finding.message())
                .contains("refused by the address guard")
                .doesNotContain("127.0.0.1"));
        assertThat(https.requests()).isEmpty();
    }

    @Test
    void guardRefusalIsAnAddressRefusedFailure() {
        LiveDomainContext context = new LiveDomainContext(
                "example.com",
                Clock.systemUTC().instant(),
                System.nanoTime() + Duration.ofSeconds(10).toNanos(),
                dnsClient(),
                new AddressGuard(List.of()),
                fetcher(),
                https.port(),
                Runnable::run,
                List::of,
                noProbes(),
                Metrics.inMemory(),
                ReportReceipts.none());

        assertThat(context.policyFile())
                .isInstanceOfSatisfying(LookupResult.Failed.class, failed -> assertThat(failed.kind())
                        .isEqualTo(FailureKind.ADDRESS_REFUSED));
    }

    /**
     * With every DNS answer delayed by D, the longest chain is two answers deep (MX, then the MX hosts' addresses;
     * or the policy host's address, then the fetch), so a check of the domain takes about 2·D, not the sum of its
     * seven-plus queries.
     */
    @Test
    void independentLookupsRunInParallelSoADomainTakesTheLongestChain() {
        Duration delay = Duration.ofMillis(500);
        dns.delay(delay);
        List<Check> checks = List.of(
                TestCheckRunner.check("dns-record", context -> info(context.txt("_mta-sts." + context.domain()))),
                TestCheckRunner.check("policy", context -> info(context.policyFile())),
                TestCheckRunner.check("mx", context -> {
                    LookupResult<MxAnswer> mx = context.mx(context.domain());
                    for (MxAnswer.MxRecord record : mx.found().orElseThrow().records()) {
                        context.addresses(record.host()); // one after the other: the prefetch makes them parallel
                    }
                    return info(mx);
                }),
                TestCheckRunner.check("tls-rpt", context -> info(context.txt("_smtp._tls." + context.domain()))));

        long started = System.nanoTime();
        Report report = runner(List.of("127.0.0.0/8"), checks).run("example.com", "example.com", ProgressListener.NONE);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(report.findings()).extracting(Finding::message).containsOnly("found");
        int queries = dns.queries().size();
        assertThat(queries).isGreaterThanOrEqualTo(9);
        assertThat(took).isGreaterThanOrEqualTo(delay.multipliedBy(2));
        assertThat(took)
                .as("about 2·D (%s), far from the sum of %d queries", delay.multipliedBy(2), queries)
                .isLessThan(delay.multipliedBy(4));
    }

    private CheckResult touchEverything(dev.mtasts.spi.DomainContext context) {
        context.txt("_mta-sts.example.com");
        context.mx("example.com").found().orElseThrow().records().forEach(record -> context.addresses(record.host()));
        context.policyFile();
        return CheckResult.of(Finding.pass("touched", "touched"));
    }

    private static CheckResult info(LookupResult<?> result) {
        return CheckResult.of(Finding.info("lookup", result.describe()));
    }

    private CheckRunner runner(List<String> allowed, List<Check> checks) {
        EngineSettings settings = EngineSettings.defaults()
                .withResolvers(List.of(dns.hostAndPort()))
                .withAllowedRanges(allowed)
                .withHttpsPort(https.port())
                .withDomainTimeout(Duration.ofSeconds(20));
        return new CheckRunner(
                new CheckRegistry(new LinkedHashSet<>(checks), Set.of()),
                dnsClient(),
                new AddressGuard(allowed.stream().map(Cidr::parse).toList()),
                fetcher(),
                settings,
                Clock.systemUTC(),
                new SimpleMeterRegistry(),
                dev.mtasts.core.history.HistoryStore.none(),
                noProbes(),
                dev.mtasts.core.ReportReceipts.none());
    }

    /** MX probing off: these tests are about DNS and HTTPS, and nothing listens on the MX addresses' port 25. */
    private static SmtpProbeCache noProbes() {
        SmtpSettings settings = SmtpSettings.defaults().withMaxHosts(0);
        return new SmtpProbeCache(
                new SmtpProber(settings, new CertificateVerifier(Optional.empty()), Clock.systemUTC()),
                TlsaLookup.forResolvers(List.of("127.0.0.1:9"), Duration.ofSeconds(1)),
                new AddressGuard(List.of()),
                settings);
    }

    private DnsClient dnsClient() {
        return new DnsClient(List.of(dns.hostAndPort()), Duration.ofSeconds(3));
    }

    private HttpsFetcher fetcher() {
        return new HttpsFetcher(
                new CertificateVerifier(Optional.of(ca.writePem(directory.resolve("ca.pem")))),
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                Duration.ofSeconds(5),
                64 * 1024,
                Clock.systemUTC());
    }
}
