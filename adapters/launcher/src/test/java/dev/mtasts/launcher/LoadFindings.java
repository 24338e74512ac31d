package dev.mtasts.launcher;

import dev.mtasts.core.CheckService;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.Report;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.smtp.SmtpSettings;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.Severity;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.HttpsFixture;
import dev.mtasts.testing.SmtpFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bulk run of healthy domains against the fixtures, with the history store, as {@code serve} builds the engine:
 * every warn or fail finding is caused by the bot's own load (the domains are all healthy), so the target is none.
 * Prints the figures; asserts nothing. Arguments: {@code --domains 10000 --concurrency 64 --dns-delay-ms 20}.
 */
public final class LoadFindings {
    private LoadFindings() {}

    public static void main(String[] args) throws Exception {
        int domains = argument(args, "--domains", 10_000);
        int concurrency = argument(args, "--concurrency", 64);
        int delayMillis = argument(args, "--dns-delay-ms", 20);
        Path directory = Files.createTempDirectory("mtasts-load");
        CertificateAuthority ca = CertificateAuthority.create();
        try (DnsFixture dns = DnsFixture.start();
                HttpsFixture https = HttpsFixture.start(ca);
                SmtpFixture smtp = SmtpFixture.start(ca);
                JdbcHistoryStore history =
                        JdbcHistoryStore.open(StoreSettings.embedded(directory.resolve("data")), Clock.systemUTC())) {
            for (int index = 0; index < domains; index++) {
                String domain = "d" + index + ".load.example";
                String mx = "mx" + (index % 10) + ".provider.example";
                dns.txt("_mta-sts." + domain, "v=STSv1; id=20261128T120000")
                        .txt("_smtp._tls." + domain, "v=TLSRPTv1; rua=mailto:tls@" + domain)
                        .mx(domain, 10, mx)
                        .a(mx, "127.0.0.1")
                        .a("mta-sts." + domain, "127.0.0.1");
                https.policy(
                        "mta-sts." + domain,
                        "version: STSv1\nmode: enforce\nmx: *.provider.example\nmax_age: 604800\n");
            }
            EngineSettings settings = EngineSettings.defaults()
                    .withResolvers(List.of(dns.hostAndPort()))
                    .withCaFile(Optional.of(ca.writePem(directory.resolve("ca.pem"))))
                    .withAllowedRanges(List.of("127.0.0.0/8"))
                    .withHttpsPort(https.port())
                    .withConcurrency(concurrency);
            CheckService service = Bootstrap.injector(
                            settings,
                            history,
                            EngineModule.smtp(SmtpSettings.defaults()
                                    .withPort(smtp.port())
                                    .withCacheScope(SmtpSettings.CacheScope.RUN)))
                    .getInstance(CheckService.class);
            dns.delay(Duration.ofMillis(delayMillis));
            Map<String, AtomicInteger> codes = new ConcurrentHashMap<>();
            List<String> examples = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicInteger affected = new AtomicInteger();
            Semaphore permits = new Semaphore(concurrency);
            long started = System.nanoTime();
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                List<CompletableFuture<Void>> futures = new ArrayList<>();
                for (int index = 0; index < domains; index++) {
                    DomainInput.Valid input = (DomainInput.Valid) DomainInput.parse("d" + index + ".load.example");
                    futures.add(CompletableFuture.runAsync(
                            () -> {
                                permits.acquireUninterruptibly();
                                try {
                                    Report report = service.check(input);
                                    List<Finding> problems = report.findings().stream()
                                            .filter(finding -> finding.severity() == Severity.WARN
                                                    || finding.severity() == Severity.FAIL)
                                            .toList();
                                    if (!problems.isEmpty()) {
                                        affected.incrementAndGet();
                                        for (Finding finding : problems) {
                                            codes.computeIfAbsent(finding.code(), code -> new AtomicInteger())
                                                    .incrementAndGet();
                                            if (examples.size() < 10) {
                                                examples.add(input.domain() + ": " + finding.code() + ": "
                                                        + finding.message());
                                            }
                                        }
                                    }
                                } finally {
                                    permits.release();
                                }
                            },
                            executor));
                }
                futures.forEach(CompletableFuture::join);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "load findings: %d healthy domains, concurrency %d, DNS delay %d ms, %.1f s (%.0f domains/s);"
                            + " %d domains with warn/fail findings caused by the load; codes %s%n",
                    domains,
                    concurrency,
                    delayMillis,
                    seconds,
                    domains / seconds,
                    affected.get(),
                    new TreeMap<>(codes));
            examples.forEach(example -> System.out.println("  e.g. " + example));
        }
        System.exit(0);
    }

    private static int argument(String[] args, String name, int fallback) {
        for (int index = 0; index + 1 < args.length; index++) {
            if (args[index].equals(name)) {
                return Integer.parseInt(args[index + 1]);
            }
        }
        return fallback;
    }
}
