package dev.mtasts.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckStatus;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;
import dev.mtasts.core.dns.DnsClient;
import dev.mtasts.core.net.AddressGuard;
import dev.mtasts.core.net.CertificateVerifier;
import dev.mtasts.core.net.HttpsFetcher;
import dev.mtasts.core.smtp.SmtpProbeCache;
import dev.mtasts.core.smtp.SmtpProber;
import dev.mtasts.core.smtp.SmtpSettings;
import dev.mtasts.core.smtp.TlsaLookup;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.MemoKey;
import dev.mtasts.spi.Remediation;
import dev.mtasts.spi.Severity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class TestCheckRunner {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void crashingCheckBecomesCheckErrorAndOthersStillReport() {
        CheckRunner runner = runner(
                Duration.ofSeconds(5),
                check("ok", context -> CheckResult.of(Finding.pass("fine", "All good"))),
                check("boom", context -> {
                    throw new IllegalStateException("kaput at /var/lib/mtasts/history.mv.db");
                }));

        Report report = runner.run("example.com", "Example.com", ProgressListener.NONE);

        assertThat(report.checks()).extracting(CheckReport::id).containsExactly("ok", "boom");
        assertThat(report.check("ok").orElseThrow().status()).isEqualTo(CheckStatus.PASS);
        CheckReport boom = report.check("boom").orElseThrow();
        assertThat(boom.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(boom.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo("check-error");
            // What crashed and why goes to the log; chat and JSON get a plain sentence and a reference id.
            assertThat(finding.message())
                    .matches("The boom check crashed, so its verdict is unknown \\(reference [0-9a-f]{8}\\)\\.")
                    .doesNotContain("kaput", "IllegalStateException", "/var/lib");
            assertThat(finding.remediation().orElseThrow().action()).contains("reference");
        });
        assertThat(report.status()).isEqualTo(Severity.FAIL);
    }

    @Test
    void overrunningCheckBecomesCheckTimeoutAtTheDeadline() {
        CheckRunner runner = runner(
                Duration.ofMillis(300),
                check("quick", context -> CheckResult.of(Finding.pass("fine", "Fine"))),
                check("slow", context -> {
                    try {
                        Thread.sleep(Duration.ofSeconds(30));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return CheckResult.of(Finding.pass("late", "Too late"));
                }));

        long started = System.nanoTime();
        Report report = runner.run("example.com", "example.com", ProgressListener.NONE);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(report.check("quick").orElseThrow().status()).isEqualTo(CheckStatus.PASS);
        assertThat(report.check("slow").orElseThrow().findings())
                .extracting(Finding::code)
                .containsExactly("check-timeout");
    }

    @Test
    void skippedCheckHasSkipStatusAndDoesNotCountTowardsTheDomainStatus() {
        CheckRunner runner = runner(
                Duration.ofSeconds(5),
                check("first", context -> CheckResult.of(Finding.info("note", "Note"))),
                check("second", context -> CheckResult.skipped("nothing was fetched")));

        Report report = runner.run("example.com", "example.com", ProgressListener.NONE);

        CheckReport second = report.check("second").orElseThrow();
        assertThat(second.status()).isEqualTo(CheckStatus.SKIP);
        assertThat(second.skipReason()).contains("nothing was fetched");
        assertThat(report.status()).isEqualTo(Severity.INFO);
    }

    @Test
    void memoisedValuesAreComputedOnceAcrossConcurrentChecks() {
        AtomicInteger computations = new AtomicInteger();
        MemoKey<String> key = new MemoKey<>("parsed", String.class);
        List<Check> checks = new ArrayList<>();
        for (int index = 0; index < 5; index++) {
            checks.add(check("reader-" + index, context -> {
                String value = context.memo(key, ignored -> {
                    computations.incrementAndGet();
                    sleep(50);
                    return "parsed once";
                });
                return CheckResult.of(Finding.pass("read", value));
            }));
        }
        CheckRunner runner = runner(Duration.ofSeconds(5), checks.toArray(Check[]::new));

        Report report = runner.run("example.com", "example.com", ProgressListener.NONE);

        assertThat(computations).hasValue(1);
        assertThat(report.findings()).extracting(Finding::message).containsOnly("parsed once");
    }

    @Test
    void aNameUnderAnInternalSuffixIsRefusedBeforeAnyLookup() throws Exception {
        try (dev.mtasts.testing.DnsFixture dns = dev.mtasts.testing.DnsFixture.start()) {
            dns.a("mta-sts.db.internal", "10.0.0.7");
            EngineSettings settings = EngineSettings.defaults()
                    .withResolvers(List.of(dns.hostAndPort()))
                    .withRefusedSuffixes(EngineSettings.INTERNAL_SUFFIXES);
            CheckRunner runner = new CheckRunner(
                    new CheckRegistry(
                            new LinkedHashSet<>(List.of(
                                    check(
                                            "fetch",
                                            context -> CheckResult.of(Finding.info(
                                                    "seen", context.policyFile().toString()))),
                                    check("other", context -> CheckResult.of(Finding.pass("fine", "Fine"))))),
                            Set.of()),
                    new DnsClient(settings.resolvers(), settings.dnsTimeout()),
                    new AddressGuard(List.of(), settings.refusedSuffixes()),
                    new HttpsFetcher(
                            new CertificateVerifier(Optional.empty()),
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(1),
                            Duration.ofSeconds(1),
                            1024,
                            CLOCK),
                    settings,
                    CLOCK,
                    new SimpleMeterRegistry(),
                    dev.mtasts.core.history.HistoryStore.none(),
                    noProbes(),
                    dev.mtasts.core.ReportReceipts.none());

            Report report = runner.run("db.internal", "db.internal", ProgressListener.NONE);

            assertThat(dns.queries()).isEmpty();
            assertThat(report.status()).isEqualTo(Severity.FAIL);
            assertThat(report.findings()).singleElement().satisfies(finding -> {
                assertThat(finding.code()).isEqualTo("domain-refused");
                assertThat(finding.message())
                        .contains("refused by the address guard")
                        .doesNotContain("10.0.0.7");
            });
            assertThat(report.check("other").orElseThrow().status()).isEqualTo(CheckStatus.SKIP);
        }
    }

    @Test
    void progressIsReportedOncePerCheck() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CheckRunner runner = runner(
                Duration.ofSeconds(5),
                check("a", context -> CheckResult.of(Finding.pass("a", "A"))),
                check(
                        "b",
                        context -> CheckResult.of(Finding.warn(
                                "b", "B", new Remediation("Do B", FixTime.of(Duration.ofMinutes(5), "5 min"))))));

        runner.run(
                "example.com",
                "example.com",
                (report, done, total) -> seen.add(report.id() + " " + done + "/" + total));

        assertThat(seen).hasSize(2).allMatch(line -> line.endsWith("/2"));
        assertThat(seen).anyMatch(line -> line.startsWith("a ")).anyMatch(line -> line.startsWith("b "));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static CheckRunner runner(Duration deadline, Check... checks) {
        EngineSettings settings =
                EngineSettings.defaults().withResolvers(List.of("127.0.0.1:9")).withDomainTimeout(deadline);
        Set<Check> set = new LinkedHashSet<>(List.of(checks));
        return new CheckRunner(
                new CheckRegistry(set, Set.of()),
                new DnsClient(settings.resolvers(), settings.dnsTimeout()),
                new AddressGuard(List.of()),
                new HttpsFetcher(
                        new CertificateVerifier(Optional.empty()),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        1024,
                        CLOCK),
                settings,
                CLOCK,
                new SimpleMeterRegistry(),
                dev.mtasts.core.history.HistoryStore.none(),
                noProbes(),
                dev.mtasts.core.ReportReceipts.none());
    }

    /** MX probing off, for runner tests that are not about it. */
    static SmtpProbeCache noProbes() {
        SmtpSettings settings = SmtpSettings.defaults().withMaxHosts(0);
        return new SmtpProbeCache(
                new SmtpProber(settings, new CertificateVerifier(Optional.empty()), CLOCK),
                TlsaLookup.forResolvers(List.of("127.0.0.1:9"), Duration.ofSeconds(1)),
                new AddressGuard(List.of()),
                settings);
    }

    static Check check(String id, java.util.function.Function<DomainContext, CheckResult> body) {
        return new Check() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String title() {
                return "Check " + id;
            }

            @Override
            public CheckResult run(DomainContext context) {
                return body.apply(context);
            }
        };
    }
}
