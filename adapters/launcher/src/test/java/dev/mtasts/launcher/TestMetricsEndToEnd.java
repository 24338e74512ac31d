package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.smtp.SmtpSettings;
import dev.mtasts.testing.CertificateAuthority;
import dev.mtasts.testing.DnsFixture;
import dev.mtasts.testing.HttpsFixture;
import dev.mtasts.testing.SmtpFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} over real HTTP after a real check (the MTA-STS plugins against DNS, HTTPS and SMTP fixtures on
 * loopback): the engine's lookup timers, the check counters and the dispatcher's meters share one registry.
 */
class TestMetricsEndToEnd {
    @TempDir
    Path directory;

    @Test
    void afterACheckTheMetricsShowLookupLatenciesByKindAndOutcomeAndTheCheck() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create();
        try (DnsFixture dns = DnsFixture.start();
                HttpsFixture https = HttpsFixture.start(ca);
                SmtpFixture smtp = SmtpFixture.start(ca)) {
            dns.txt("_mta-sts.metrics.example", "v=STSv1; id=20261201T000000")
                    .txt("_smtp._tls.metrics.example", "v=TLSRPTv1; rua=mailto:tls@metrics.example")
                    .mx("metrics.example", 10, "mx1.metrics.example")
                    .a("mx1.metrics.example", "127.0.0.1")
                    .a("mta-sts.metrics.example", "127.0.0.1");
            https.policy(
                    "mta-sts.metrics.example",
                    "version: STSv1\nmode: enforce\nmx: mx1.metrics.example\nmax_age: 604800\n");
            EngineSettings settings = EngineSettings.defaults()
                    .withResolvers(List.of(dns.hostAndPort()))
                    .withCaFile(Optional.of(ca.writePem(directory.resolve("ca.pem"))))
                    .withAllowedRanges(List.of("127.0.0.0/8"))
                    .withHttpsPort(https.port());
            Injector injector = Bootstrap.injector(
                    settings,
                    EngineModule.smtp(SmtpSettings.defaults().withPort(smtp.port())),
                    EngineModule.meters(WebFrontEnds.registry()));
            BotConfig.Http http = new BotConfig.Http(0, "127.0.0.1");
            BotHttpServer server = new BotHttpServer(http, WebFrontEnds.routes(injector, http), List.of());
            server.start();
            try {
                HttpClient client = HttpClient.newHttpClient();
                HttpResponse<String> check = client.send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + server.port() + "/api/v1/check?domain=metrics.example"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(check.statusCode()).isEqualTo(200);
                String metrics = client.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();

                assertThat(count(metrics, "mtasts_lookup_seconds_count\\{kind=\"dns\",outcome=\"found\"\\}"))
                        .isGreaterThanOrEqualTo(4); // the _mta-sts and TLS-RPT TXT records, MX, addresses
                assertThat(count(metrics, "mtasts_lookup_seconds_count\\{kind=\"dns\",outcome=\"not_found\"\\}"))
                        .isPositive();
                assertThat(count(metrics, "mtasts_lookup_seconds_count\\{kind=\"https\",outcome=\"found\"\\}"))
                        .isEqualTo(1);
                assertThat(count(metrics, "mtasts_lookup_seconds_count\\{kind=\"smtp\",outcome=\"[a-z_]+\"\\}"))
                        .isEqualTo(1);
                assertThat(count(metrics, "mtasts_checks_total\\{status=\"[a-z]+\"\\}"))
                        .isEqualTo(1);
                assertThat(count(metrics, "mtasts_check_results_total\\{check=\"[a-z0-9-]+\",status=\"[a-z]+\"\\}"))
                        .isPositive();
                assertThat(count(metrics, "mtasts_adapter_events_total\\{kind=\"check\",platform=\"web\"\\}"))
                        .isEqualTo(1);
                assertThat(count(metrics, "mtasts_dispatch_queue_wait_seconds_count"))
                        .isEqualTo(1);
            } finally {
                server.stop();
            }
        }
    }

    /** The first sample whose name and labels match {@code series}, as a whole number; 0 when absent. */
    private static long count(String metrics, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + series + " ([0-9.E+]+)$").matcher(metrics);
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
    }
}
