package dev.mtasts.launcher;

import dev.mtasts.core.CheckService;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.Report;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.smtp.SmtpSettings;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.HttpsFixture;
import dev.mtasts.testing.SmtpFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The benchmark behind {@code ./run-benchmark}: the real engine and checks against in-process DNS and HTTPS servers
 * on loopback, with an artificial DNS latency. Prints figures; asserts nothing.
 *
 * <ol>
 *   <li>single-domain latency with every DNS answer delayed by D: about 2·D when lookups run in parallel;
 *   <li>bulk throughput: N domains sharing a few MX hosts at the given concurrency, with latency percentiles.
 * </ol>
 */
public final class Benchmark {
    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        int domains = intArgument(args, "--domains", 1000);
        int concurrency = intArgument(args, "--concurrency", 64);
        int delayMillis = intArgument(args, "--dns-delay-ms", 20);
        Path directory = Files.createTempDirectory("mtasts-bench");
        CertificateAuthority ca = CertificateAuthority.create();
        try (DnsFixture dns = DnsFixture.start();
                HttpsFixture https = HttpsFixture.start(ca);
                SmtpFixture smtp = SmtpFixture.start(ca)) {
            for (int index = 0; index < domains; index++) {
                publish(dns, https, "d" + index + ".bench.example", index % 10);
            }
            EngineSettings settings = EngineSettings.defaults()
                    .withResolvers(List.of(dns.hostAndPort()))
                    .withCaFile(java.util.Optional.of(ca.writePem(directory.resolve("ca.pem"))))
                    .withAllowedRanges(List.of("127.0.0.0/8"))
                    .withHttpsPort(https.port())
                    .withDataDir(java.util.Optional.of(directory.resolve("data")))
                    .withConcurrency(concurrency);
            CheckService service = Bootstrap.injector(
                            settings,
                            EngineModule.smtp(SmtpSettings.defaults()
                                    .withPort(smtp.port())
                                    .withCacheScope(SmtpSettings.CacheScope.RUN)))
                    .getInstance(CheckService.class);
            System.out.printf(
                    Locale.ROOT,
                    "mtasts benchmark: %d checks (%s), %d domains, concurrency %d, %d cores, Java %s%n",
                    service.checks().size(),
                    service.checks().stream()
                            .map(CheckService.CheckDefinition::id)
                            .toList(),
                    domains,
                    concurrency,
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.version());

            // warm-up: JIT, TLS, class loading
            for (int index = 0; index < Math.min(50, domains); index++) {
                service.check(valid("d" + index + ".bench.example"));
            }

            int singleDelay = 200;
            dns.delay(Duration.ofMillis(singleDelay));
            dns.clearQueries();
            long started = System.nanoTime();
            Report single = service.check(valid("d1.bench.example"));
            long singleMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf(
                    Locale.ROOT,
                    "single domain, every DNS answer delayed %d ms: %d ms wall (%d DNS queries; sequential would be >= %d ms); status %s%n",
                    singleDelay,
                    singleMillis,
                    dns.queries().size(),
                    (long) dns.queries().size() * singleDelay,
                    single.status().label());

            dns.delay(Duration.ofMillis(delayMillis));
            dns.clearQueries();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            Semaphore permits = new Semaphore(concurrency);
            long bulkStarted = System.nanoTime();
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                List<CompletableFuture<Report>> futures = new ArrayList<>();
                for (int index = 0; index < domains; index++) {
                    DomainInput.Valid input = valid("d" + index + ".bench.example");
                    futures.add(CompletableFuture.supplyAsync(
                            () -> {
                                permits.acquireUninterruptibly();
                                long begin = System.nanoTime();
                                try {
                                    return service.check(input);
                                } finally {
                                    latencies.add((System.nanoTime() - begin) / 1_000_000);
                                    permits.release();
                                }
                            },
                            executor));
                }
                futures.forEach(CompletableFuture::join);
            }
            double seconds = (System.nanoTime() - bulkStarted) / 1e9;
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf(
                    Locale.ROOT,
                    "bulk, DNS delay %d ms: %d domains in %.2f s = %.1f domains/s; per domain p50 %d ms, p95 %d ms, p99 %d ms, max %d ms; %.1f DNS queries/domain, %d HTTPS fetches, %d SMTP probes in all%n",
                    delayMillis,
                    domains,
                    seconds,
                    domains / seconds,
                    percentile(sorted, 50),
                    percentile(sorted, 95),
                    percentile(sorted, 99),
                    sorted.getLast(),
                    dns.queries().size() / (double) domains,
                    https.requests().size(),
                    smtp.connections());
            Runtime runtime = Runtime.getRuntime();
            System.out.printf(
                    Locale.ROOT,
                    "heap in use after the run: %d MiB%n",
                    (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024));
        }
        System.exit(0);
    }

    private static void publish(DnsFixture dns, HttpsFixture https, String domain, int mxGroup) {
        String mx = "mx" + mxGroup + ".provider.example";
        dns.txt("_mta-sts." + domain, "v=STSv1; id=20261128T120000")
                .txt("_smtp._tls." + domain, "v=TLSRPTv1; rua=mailto:tls@" + domain)
                .mx(domain, 10, mx)
                .a(mx, "127.0.0.1")
                .a("mta-sts." + domain, "127.0.0.1");
        https.policy("mta-sts." + domain, "version: STSv1\nmode: enforce\nmx: *.provider.example\nmax_age: 604800\n");
    }

    private static DomainInput.Valid valid(String domain) {
        return (DomainInput.Valid) DomainInput.parse(domain);
    }

    private static long percentile(List<Long> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static int intArgument(String[] args, String name, int fallback) {
        for (int index = 0; index + 1 < args.length; index++) {
            if (args[index].equals(name)) {
                return Integer.parseInt(args[index + 1]);
            }
        }
        return fallback;
    }
}
