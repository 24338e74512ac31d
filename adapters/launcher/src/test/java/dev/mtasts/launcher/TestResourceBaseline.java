package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.CheckService;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.Report;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.smtp.SmtpSettings;
import dev.mtasts.spi.Finding;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.DnsFixture.Misbehaviour;
import dev.mtasts.testing.HttpsFixture;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 checks of hostile domains in one process built as {@code serve} builds it (the same injector, the embedded
 * history store): afterwards the open file descriptors and live threads are back at their baseline. Prints the
 * figures.
 */
@EnabledOnOs(OS.LINUX)
final class TestResourceBaseline {
    private static final int CHECKS = 500;
    private static final int CONCURRENCY = 50;
    private static final int FD_TOLERANCE = 16;
    private static final int THREAD_TOLERANCE = 8;
    private static final String POLICY = "version: STSv1\nmode: enforce\nmx: mx.example.net\nmax_age: 604800\n";

    @TempDir
    Path directory;

    @Test
    void fileDescriptorsAndThreadsReturnToTheirBaselineAfterHostileChecks() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create();
        try (DnsFixture dns = DnsFixture.start();
                HttpsFixture https = HttpsFixture.start(ca);
                JdbcHistoryStore history =
                        JdbcHistoryStore.open(StoreSettings.embedded(directory.resolve("data")), Clock.systemUTC())) {
            List<String> domains = hostileDomains(dns, https);
            EngineSettings settings = EngineSettings.defaults()
                    .withResolvers(List.of(dns.hostAndPort()))
                    .withCaFile(Optional.of(ca.writePem(directory.resolve("ca.pem"))))
                    .withAllowedRanges(List.of("127.0.0.0/8"))
                    .withHttpsPort(https.port())
                    .withDnsTimeout(Duration.ofMillis(500))
                    .withHttpTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2))
                    .withDomainTimeout(Duration.ofSeconds(4));
            CheckService service = Bootstrap.injector(
                            settings,
                            history,
                            EngineModule.smtp(SmtpSettings.defaults().withMaxHosts(0)))
                    .getInstance(CheckService.class);

            // Warm-up: class loading, the database's server thread, the resolver's selector, TLS.
            run(service, domains, domains.size() * 2);
            settle();
            long fdBefore = openFileDescriptors();
            int threadsBefore = liveThreads();

            long started = System.nanoTime();
            List<Report> reports = run(service, domains, CHECKS);
            double seconds = (System.nanoTime() - started) / 1e9;
            long fdPeak = openFileDescriptors();

            long fdAfter = fdBefore;
            int threadsAfter = threadsBefore;
            for (int wait = 0; wait < 40; wait++) {
                settle();
                fdAfter = openFileDescriptors();
                threadsAfter = liveThreads();
                if (fdAfter <= fdBefore + FD_TOLERANCE && threadsAfter <= threadsBefore + THREAD_TOLERANCE) {
                    break;
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "resource baseline: %d hostile checks in %.1f s (concurrency %d); open fds %d before, %d right"
                            + " after, %d settled; live threads %d before, %d settled%n",
                    reports.size(),
                    seconds,
                    CONCURRENCY,
                    fdBefore,
                    fdPeak,
                    fdAfter,
                    threadsBefore,
                    threadsAfter);

            assertThat(reports).hasSize(CHECKS);
            assertThat(reports.stream().flatMap(report -> report.findings().stream()))
                    .extracting(Finding::code)
                    .doesNotContain("check-error");
            assertThat(fdAfter).as("open file descriptors").isLessThanOrEqualTo(fdBefore + FD_TOLERANCE);
            assertThat(threadsAfter).as("live threads").isLessThanOrEqualTo(threadsBefore + THREAD_TOLERANCE);
        }
    }

    /** Domains whose DNS or policy host misbehaves, each in its own way. */
    private static List<String> hostileDomains(DnsFixture dns, HttpsFixture https) {
        List<String> domains = new ArrayList<>();
        int index = 0;
        for (Misbehaviour how : Misbehaviour.values()) {
            String domain = "dns" + index++ + ".hostile.example";
            publish(dns, domain);
            dns.misbehave("_mta-sts." + domain, "TXT", how);
            domains.add(domain);
        }
        String loop = "loop.hostile.example";
        publish(dns, loop);
        dns.cname("mta-sts." + loop, "a." + loop).cname("a." + loop, "mta-sts." + loop);
        domains.add(loop);
        String drip = "drip.hostile.example";
        publish(dns, drip);
        dns.a("mta-sts." + drip, "127.0.0.1");
        https.respond(
                "mta-sts." + drip,
                HttpsFixture.POLICY_PATH,
                HttpsFixture.Response.status(200).body(POLICY.repeat(10)).trickle(1, Duration.ofMillis(500)));
        domains.add(drip);
        String endless = "endless.hostile.example";
        publish(dns, endless);
        dns.a("mta-sts." + endless, "127.0.0.1");
        https.respond(
                "mta-sts." + endless, HttpsFixture.POLICY_PATH, HttpsFixture.Response.endlessChunked("#".repeat(8192)));
        domains.add(endless);
        String healthy = "healthy.hostile.example";
        publish(dns, healthy);
        dns.a("mta-sts." + healthy, "127.0.0.1");
        https.policy("mta-sts." + healthy, POLICY);
        domains.add(healthy);
        return domains;
    }

    private static void publish(DnsFixture dns, String domain) {
        dns.txt("_mta-sts." + domain, "v=STSv1; id=20261128T120000")
                .txt("_smtp._tls." + domain, "v=TLSRPTv1; rua=mailto:tls@" + domain)
                .mx(domain, 10, "mx.example.net");
    }

    private static List<Report> run(CheckService service, List<String> domains, int count) {
        Semaphore permits = new Semaphore(CONCURRENCY);
        List<CompletableFuture<Report>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int index = 0; index < count; index++) {
                DomainInput.Valid input = (DomainInput.Valid) DomainInput.parse(domains.get(index % domains.size()));
                futures.add(CompletableFuture.supplyAsync(
                        () -> {
                            permits.acquireUninterruptibly();
                            try {
                                return service.check(input);
                            } finally {
                                permits.release();
                            }
                        },
                        executor));
            }
            return futures.stream().map(CompletableFuture::join).toList();
        }
    }

    private static void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(500);
    }

    private static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }
}
