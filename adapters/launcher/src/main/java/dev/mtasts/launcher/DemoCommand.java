package dev.mtasts.launcher;

import com.google.inject.Injector;
import dev.mtasts.core.CheckService;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.Report;
import dev.mtasts.core.ReportText;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.smtp.SmtpSettings;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.LatestReportStore;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.HttpsFixture;
import dev.mtasts.testing.SmtpFixture;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mtasts demo}: a simulated internet on loopback (DNS, HTTPS and SMTP from the test kit) with six sample
 * domains, checked by the real engine; no network needed. {@code --serve} also runs the web front end against it.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Check six sample domains on an in-process simulated internet (no network needed).")
final class DemoCommand implements Callable<Integer> {
    /** The sample domains, in the order they are printed. */
    static final List<String> DOMAINS = List.of(
            "healthy.demo.example",
            "changed-policy.demo.example",
            "wrong-cert.demo.example",
            "uncovered-mx.demo.example",
            "testing.demo.example",
            "no-tlsrpt.demo.example");

    /** An HTTP date (IMF-fixdate), as a web server sends {@code Last-Modified}. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--serve", description = "Also serve the web front end against the simulated internet.")
    boolean serve;

    @Option(names = "--port", description = "Port for --serve (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
    int port;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path directory = Files.createTempDirectory("mtasts-demo");
        CertificateAuthority ca = CertificateAuthority.create();
        try (DnsFixture dns = DnsFixture.start();
                HttpsFixture https = HttpsFixture.start(ca);
                SmtpFixture smtp = SmtpFixture.start(ca);
                JdbcHistoryStore history =
                        JdbcHistoryStore.open(StoreSettings.embedded(directory.resolve("data")), Clock.systemUTC())) {
            EngineSettings settings = EngineSettings.defaults()
                    .withResolvers(List.of(dns.hostAndPort()))
                    .withCaFile(Optional.of(ca.writePem(directory.resolve("ca.pem"))))
                    // Loopback is allowed for the demo only: the simulated internet lives there.
                    .withAllowedRanges(List.of("127.0.0.0/8"))
                    .withHttpsPort(https.port());
            Injector injector = Bootstrap.injector(
                    settings,
                    LatestReportStore.over(history),
                    EngineModule.smtp(SmtpSettings.defaults().withPort(smtp.port())),
                    EngineModule.meters(WebFrontEnds.registry()));
            CheckService service = injector.getInstance(CheckService.class);

            healthy(dns, https, "healthy.demo.example", "20261201T000000", "mode: enforce");
            // An earlier observation with another policy under the same id, then the policy changes.
            healthy(dns, https, "changed-policy.demo.example", "20261201T000000", "mode: testing");
            service.check(valid("changed-policy.demo.example"));
            https.policy("mta-sts.changed-policy.demo.example", policy("mode: enforce"));
            healthy(dns, https, "wrong-cert.demo.example", "20261201T000000", "mode: enforce");
            https.certificate("mta-sts.wrong-cert.demo.example", ca.issue("www.wrong-cert.demo.example"));
            healthy(dns, https, "uncovered-mx.demo.example", "20261201T000000", "mode: enforce");
            dns.mx("uncovered-mx.demo.example", 20, "backup.other-provider.example")
                    .a("backup.other-provider.example", "127.0.0.1");
            // Stuck in testing: a date-shaped id and a Last-Modified both nine months old, still in mode testing.
            stuckInTesting(
                    dns,
                    https,
                    "testing.demo.example",
                    ZonedDateTime.now(ZoneOffset.UTC).minusMonths(9));
            publish(dns, https, "no-tlsrpt.demo.example", "20261201T000000", "mode: enforce", false);

            ReportText text = new ReportText(false);
            for (String domain : DOMAINS) {
                Report report = service.check(valid(domain));
                out.println(text.render(report));
            }
            out.flush();
            if (serve) {
                BotConfig.Http http = new BotConfig.Http(port, "127.0.0.1");
                BotHttpServer server = new BotHttpServer(http, WebFrontEnds.routes(injector, http), List.of());
                server.start();
                out.println("mtasts demo: the web front end is at http://127.0.0.1:" + server.port() + "/ (try "
                        + String.join(", ", DOMAINS) + "); Ctrl-C to stop");
                out.flush();
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
                    server.stop();
                    stopped.countDown();
                }));
                stopped.await();
            }
        }
        return ExitCodes.OK;
    }

    private static void stuckInTesting(DnsFixture dns, HttpsFixture https, String domain, ZonedDateTime since) {
        healthy(
                dns,
                https,
                domain,
                DateTimeFormatter.BASIC_ISO_DATE.format(since).substring(0, 8) + "T000000",
                "mode: testing");
        https.respond(
                "mta-sts." + domain,
                HttpsFixture.POLICY_PATH,
                HttpsFixture.Response.status(200)
                        .header("Content-Type", "text/plain")
                        .header("Last-Modified", HTTP_DATE.format(since))
                        .body(policy("mode: testing")));
    }

    private static void healthy(DnsFixture dns, HttpsFixture https, String domain, String id, String mode) {
        publish(dns, https, domain, id, mode, true);
    }

    private static void publish(
            DnsFixture dns, HttpsFixture https, String domain, String id, String mode, boolean tlsRpt) {
        String mx = "mx1.provider.example";
        if (tlsRpt) {
            dns.txt("_smtp._tls." + domain, "v=TLSRPTv1; rua=mailto:tls@" + domain);
        }
        dns.txt("_mta-sts." + domain, "v=STSv1; id=" + id)
                .mx(domain, 10, mx)
                .a(mx, "127.0.0.1")
                .a("mta-sts." + domain, "127.0.0.1");
        https.policy("mta-sts." + domain, policy(mode));
    }

    private static String policy(String mode) {
        return "version: STSv1\n" + mode + "\nmx: *.provider.example\nmax_age: 604800\n";
    }

    private static DomainInput.Valid valid(String domain) {
        return (DomainInput.Valid) DomainInput.parse(domain);
    }
}
