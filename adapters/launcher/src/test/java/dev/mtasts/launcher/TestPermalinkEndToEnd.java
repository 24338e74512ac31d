package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.mtasts.core.CheckPlugins;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.LatestReportStore;
import dev.mtasts.store.StoreModule;
import dev.mtasts.store.StoreSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The permalink {@code /report/{domain}} over real HTTP with the real store: the latest full report (findings,
 * remediations, fix time) escaped, the badge and the timeline; a GET never runs a check.
 */
class TestPermalinkEndToEnd {
    @TempDir
    Path directory;

    private final HttpClient client = HttpClient.newHttpClient();
    private JdbcHistoryStore history;
    private BotHttpServer server;

    @BeforeEach
    void start() throws Exception {
        history = JdbcHistoryStore.open(StoreSettings.embedded(directory), Clock.systemUTC());
        Injector injector = Guice.createInjector(
                Stage.PRODUCTION,
                new EngineModule(EngineSettings.defaults().withResolvers(List.of("127.0.0.1:9"))),
                CheckPlugins.of(new TestWebEndToEnd.HostilePlugin()),
                new StoreModule(LatestReportStore.over(history)),
                EngineModule.meters(WebFrontEnds.registry()));
        BotConfig.Http http = new BotConfig.Http(0, "127.0.0.1");
        server = new BotHttpServer(http, WebFrontEnds.routes(injector, http), List.of());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        history.close();
    }

    @Test
    void withNothingStoredThePermalinkOffersTheCheckFormAndRunsNoCheck() throws Exception {
        HttpResponse<String> page = get("/report/Example.COM");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("No check of example.com is stored yet")
                .contains("<form method=\"post\" action=\"/\"")
                .contains("value=\"example.com\"");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(get("/metrics").body()).doesNotContain("mtasts_checks_total{");
    }

    @Test
    void afterACheckThePermalinkShowsTheFullLatestReportEscapedWithTimelineAndBadge() throws Exception {
        HttpResponse<String> checked = client.send(
                HttpRequest.newBuilder(uri("/"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("domain=example.com"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(checked.statusCode()).isEqualTo(200);

        HttpResponse<String> page = get("/report/example.com");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("MTA-STS report for example.com")
                .contains("Latest check: <time datetime=")
                .contains("The TLS-RPT record has no rua=") // the finding
                .contains("Add rua=mailto:tls@example.com") // its remediation
                .contains("5 min") // its fix time
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert")
                .doesNotContain("<img src=x")
                .doesNotContain("<a href=\"javascript:")
                .contains("<img alt=\"status badge\" src=\"/badge/example.com.svg\">")
                .contains("<h2>History</h2>");
        assertThat(get("/badge/example.com.svg").body()).contains("warn");
        // Two GETs of the permalink later, still the one check the POST ran.
        get("/report/example.com");
        assertThat(get("/metrics").body()).contains("mtasts_checks_total{status=\"warn\"} 1.0");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
