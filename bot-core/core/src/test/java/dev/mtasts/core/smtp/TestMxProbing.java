package dev.mtasts.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.mtasts.core.CheckService;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.Report;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.internal.PluginChecksModule;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckPlugin;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.LookupResult;
import dev.mtasts.spi.MxAnswer;
import dev.mtasts.spi.SmtpProbe;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.SmtpFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The probes through the real engine: DNS, guard, prefetch, memoisation and the cache shared by a bulk run. */
final class TestMxProbing {
    private static final CertificateAuthority CA = CertificateAuthority.create();

    private DnsFixture dns;
    private SmtpFixture smtp;

    @BeforeEach
    void startFixtures() {
        dns = DnsFixture.start();
        smtp = SmtpFixture.start(CA);
        dns.mx("a.example", 10, "mx.shared.example")
                .mx("b.example", 10, "mx.shared.example")
                .mx("b.example", 20, "backup.b.example")
                .a("mx.shared.example", "127.0.0.1")
                .a("backup.b.example", "127.0.0.1");
    }

    @AfterEach
    void stopFixtures() {
        smtp.close();
        dns.close();
    }

    @Test
    void aBulkRunLooksUpAndProbesEachSharedMxHostOnce() {
        CheckService service = service(SmtpSettings.CacheScope.RUN, 10);

        List<Report> done;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Report>> reports = new ArrayList<>();
            for (String domain : List.of("a.example", "b.example", "a.example", "b.example")) {
                reports.add(CompletableFuture.supplyAsync(() -> service.check(valid(domain)), executor));
            }
            done = reports.stream().map(CompletableFuture::join).toList();
        }

        assertThat(done.get(1).findings())
                .extracting(Finding::message)
                .containsExactly("mx.shared.example TLS_ESTABLISHED", "backup.b.example TLS_ESTABLISHED");
        assertThat(done.getFirst().findings())
                .extracting(Finding::message)
                .containsExactly("mx.shared.example TLS_ESTABLISHED");
        assertThat(smtp.connections()).isEqualTo(2);
        assertThat(dns.queryCount("mx.shared.example", "A")).isEqualTo(1);
        assertThat(dns.queryCount("mx.shared.example", "AAAA")).isEqualTo(1);
        assertThat(dns.queryCount("backup.b.example", "A")).isEqualTo(1);
    }

    @Test
    void theProbeLimitReachesChecksAndCapsThePrefetch() throws InterruptedException {
        CheckService service = service(SmtpSettings.CacheScope.RUN, 1);

        Report report = service.check(valid("b.example"));
        Thread.sleep(200); // a stray prefetch of the second host would have connected by now

        assertThat(report.findings())
                .extracting(Finding::message)
                .containsExactly("mx.shared.example TLS_ESTABLISHED", "backup.b.example not probed (limit 1)");
        assertThat(smtp.connections()).isEqualTo(1);
    }

    private CheckService service(SmtpSettings.CacheScope scope, int maxHosts) {
        EngineSettings engine = EngineSettings.defaults()
                .withResolvers(List.of(dns.hostAndPort()))
                .withAllowedRanges(List.of("127.0.0.0/8"))
                .withDomainTimeout(Duration.ofSeconds(20));
        SmtpSettings settings =
                TestSmtpProber.settings(smtp.port()).withCacheScope(scope).withMaxHosts(maxHosts);
        Injector injector = Guice.createInjector(
                Stage.PRODUCTION,
                binder -> {
                    binder.requireExplicitBindings();
                    binder.disableCircularProxies();
                    binder.requireAtInjectOnConstructors();
                },
                new EngineModule(engine),
                EngineModule.smtp(settings),
                PluginChecksModule.of(new ProbePlugin()));
        return injector.getInstance(CheckService.class);
    }

    private static DomainInput.Valid valid(String domain) {
        return (DomainInput.Valid) DomainInput.parse(domain);
    }

    /** One check that probes the MX hosts up to the limit and lists the rest, one finding each. */
    private static final class ProbePlugin implements CheckPlugin {
        @Override
        public String name() {
            return "probe-test";
        }

        @Override
        public List<Check> checks() {
            return List.of(new Check() {
                @Override
                public String id() {
                    return "probe-all";
                }

                @Override
                public String title() {
                    return "Probe every MX";
                }

                @Override
                public CheckResult run(DomainContext context) {
                    LookupResult<MxAnswer> mx = context.mx(context.domain());
                    MxAnswer answer = mx.found().orElseThrow(() -> new IllegalStateException(mx.describe()));
                    List<String> hosts = SmtpProbeCache.probeOrder(answer);
                    List<Finding> findings = new ArrayList<>();
                    for (int index = 0; index < hosts.size(); index++) {
                        String host = hosts.get(index);
                        if (index >= context.smtpProbeLimit()) {
                            findings.add(Finding.info(
                                    "skipped", host + " not probed (limit " + context.smtpProbeLimit() + ")"));
                            continue;
                        }
                        LookupResult<SmtpProbe> probe = context.smtp(host);
                        // asked twice: memoised per command, so still one probe
                        context.smtp(host);
                        findings.add(Finding.info(
                                "probed",
                                host + " "
                                        + probe.found()
                                                .map(found -> found.outcome().name())
                                                .orElse(probe.describe())));
                    }
                    return CheckResult.of(findings);
                }
            });
        }
    }
}
