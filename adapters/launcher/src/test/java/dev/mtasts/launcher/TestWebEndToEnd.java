package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import dev.mtasts.core.CheckPlugins;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.dispatch.DispatchSettings;
import dev.mtasts.core.dispatch.RateLimit;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckPlugin;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.Remediation;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The web front end over real HTTP on the bot's server: page, plain POST, live events, JSON API, badge, limits. */
class TestWebEndToEnd {
    static final String HOSTILE =
            "<script>alert(1)</script><img src=x onerror=alert(2)>" + "<a href=\"javascript:alert(3)\">x</a>";

    private final HttpClient client = HttpClient.newHttpClient();
    private BotHttpServer server;

    @BeforeEach
    void start() throws Exception {
        List<Module> modules = List.of(
                new EngineModule(EngineSettings.defaults().withResolvers(List.of("127.0.0.1:9"))),
                // Three checks per address, then one a minute: the API test floods past it.
                EngineModule.dispatch(
                        DispatchSettings.defaults().withPerUser(new RateLimit(3, Duration.ofSeconds(60)))),
                CheckPlugins.of(new HostilePlugin()),
                EngineModule.meters(WebFrontEnds.registry()));
        Injector injector = Guice.createInjector(Stage.PRODUCTION, modules);
        BotConfig.Http http = new BotConfig.Http(0, "127.0.0.1");
        server = new BotHttpServer(http, WebFrontEnds.routes(injector, http), List.of());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void thePageAsksForADomainWithStrictSecurityHeaders() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Type your domain; a URL or an e-mail address is fine");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(get("/static/app.js").body()).contains("textContent").doesNotContain("innerHTML");
    }

    @Test
    void aPlainPostRendersTheReportWithHostileTextEscaped() throws Exception {
        HttpResponse<String> report = client.send(
                HttpRequest.newBuilder(uri("/"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "domain=" + URLEncoder.encode("postmaster@Example.com", StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body())
                .contains("MTA-STS report for example.com")
                .contains("TLS-RPT record")
                .contains("The TLS-RPT record has no rua=")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert")
                .doesNotContain("<img src=x")
                .doesNotContain("<a href=\"javascript:");
    }

    @Test
    void liveProgressArrivesAsServerSentEventsThenTheReport() throws Exception {
        HttpResponse<String> events = get("/events?domain=example.com");
        assertThat(events.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        List<String> lines =
                events.body().lines().filter(line -> line.startsWith("data: ")).toList();
        assertThat(lines.getFirst()).contains("\"type\":\"queued\"");
        assertThat(lines).anyMatch(line -> line.contains("\"type\":\"progress\"") && line.contains("TLS-RPT record"));
        assertThat(lines.getLast()).contains("\"type\":\"finished\"").contains("\"status\":\"warn\"");
    }

    @Test
    void theApiAnswersWithTheCliJsonAndRefusesBadInputAndFloods() throws Exception {
        HttpResponse<String> check = get("/api/v1/check?domain=https%3A%2F%2Fexample.com%2F");
        assertThat(check.statusCode()).isEqualTo(200);
        JsonNode json = new ObjectMapper().readTree(check.body());
        assertThat(json.get("domain").asText()).isEqualTo("example.com");
        assertThat(json.get("status").asText()).isEqualTo("warn");

        HttpResponse<String> bad = get("/api/v1/check?domain=%3Cscript%3E");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(bad.body()).has("error")).isTrue();

        // Burst of 3 per address: the first call above took one token.
        get("/api/v1/check?domain=example.com");
        get("/api/v1/check?domain=example.com");
        HttpResponse<String> limited = get("/api/v1/check?domain=example.com");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void theBadgeIsAnSvgWithCacheHeadersAndUnknownWithoutHistory() throws Exception {
        HttpResponse<String> badge = get("/badge/example.com.svg");
        assertThat(badge.statusCode()).isEqualTo(200);
        assertThat(badge.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
        assertThat(badge.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age");
        assertThat(badge.body()).startsWith("<svg").contains("unknown");
        assertThat(get("/badge/%3Cscript%3E.svg").statusCode()).isEqualTo(400);
        HttpResponse<String> permalink = get("/report/example.com");
        assertThat(permalink.statusCode()).isEqualTo(200);
        assertThat(permalink.body()).contains("example.com");
    }

    @Test
    void metricsCountChecksByStatusAndCheckAndSharedAnswersAndRateLimitHits() throws Exception {
        get("/api/v1/check?domain=example.com");
        for (int i = 0; i < 3; i++) {
            get("/api/v1/check?domain=example.com");
        }
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                // one run, then two answers from the dispatcher's result cache, then the client's allowance is spent
                .contains("mtasts_checks_total{status=\"warn\"} 1.0")
                .contains("mtasts_check_results_total{check=\"tls-rpt\",status=\"warn\"} 1.0")
                .contains("mtasts_dispatch_shared_total{how=\"cached\"} 2.0")
                .contains("mtasts_rate_limit_hits_total{front_end=\"web\",scope=\"requester\"} 1.0")
                .contains("mtasts_adapter_events_total{kind=\"check\",platform=\"web\"} 4.0")
                .contains("mtasts_dispatch_queue_length 0.0")
                .contains("mtasts_dispatch_queue_wait_seconds_count 1")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void theOpenApiDocumentParsesAndListsEveryRoute() throws Exception {
        JsonNode document =
                new ObjectMapper().readTree(get("/api/v1/openapi.json").body());
        assertThat(document.get("openapi").asText()).startsWith("3.");
        List<String> paths = new java.util.ArrayList<>();
        document.get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths)
                .containsExactlyInAnyOrder(
                        "/api/v1/check",
                        "/api/v1/history",
                        "/api/v1/openapi.json",
                        "/badge/{domain}.svg",
                        "/report/{domain}",
                        "/events",
                        "/healthz",
                        "/readyz");
        // Every documented path is served.
        assertThat(get("/api/v1/history?domain=example.com").statusCode()).isEqualTo(200);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        assertThat(get("/readyz").body()).contains("\"store\":\"up\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** Two checks: one passes, one warns with hostile evidence that must arrive inert. */
    static final class HostilePlugin implements CheckPlugin {
        @Override
        public String name() {
            return "web-e2e";
        }

        @Override
        public List<Check> checks() {
            return List.of(
                    check("dns-record", "MTA-STS DNS record", Finding.pass("dns-ok", "One valid record")),
                    check(
                            "tls-rpt",
                            "TLS-RPT record",
                            Finding.warn(
                                            "tls-rpt-no-rua",
                                            "The TLS-RPT record has no rua=",
                                            new Remediation(
                                                    "Add rua=mailto:tls@example.com",
                                                    FixTime.of(Duration.ofMinutes(5), "5 min")))
                                    .withEvidence(HOSTILE)));
        }

        private static Check check(String id, String title, Finding finding) {
            return new Check() {
                @Override
                public String id() {
                    return id;
                }

                @Override
                public String title() {
                    return title;
                }

                @Override
                public CheckResult run(DomainContext context) {
                    return CheckResult.of(finding);
                }
            };
        }
    }
}
