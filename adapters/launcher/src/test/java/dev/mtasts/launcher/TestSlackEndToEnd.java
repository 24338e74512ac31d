package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.slack.api.app_backend.SlackSignature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mtasts.core.CheckPlugins;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.chat.TlsReports;
import dev.mtasts.core.config.ConfigLoader;
import dev.mtasts.core.frontend.FrontEnd;
import dev.mtasts.core.frontend.HttpRoute;
import dev.mtasts.core.subscription.InMemorySubscriptionStore;
import dev.mtasts.core.subscription.SubscriptionModule;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckPlugin;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.Remediation;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with the Slack front end, end to end: the YAML config and the environment go through the same
 * {@link ConfigLoader} and {@link FrontEnds} as {@link ServeCommand}, the injector is built as strictly as
 * {@link Bootstrap} builds it (with a test check plugin instead of ServiceLoader discovery), and a signed slash command
 * is POSTed over real HTTP to the bot's {@link BotHttpServer}. The report thread must appear in a fake Slack on
 * loopback.
 */
final class TestSlackEndToEnd {
    static final String SECRET = "e2e-signing-secret";
    static final String TOKEN = "xoxb-e2e";

    private final List<Runnable> cleanup = new ArrayList<>();

    @TempDir
    Path directory;

    @AfterEach
    void stop() {
        cleanup.reversed().forEach(Runnable::run);
    }

    /** Two checks: one passes, one warns with evidence that must arrive escaped. */
    private static final class TestPlugin implements CheckPlugin {
        @Override
        public String name() {
            return "e2e";
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
                                    .withEvidence("v=TLSRPTv1; <!channel>")));
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

    /** The Slack Web API methods the bot calls, recorded. */
    static final class FakeSlackApi {
        record Call(String method, Map<String, String> params) {}

        final List<Call> calls = new CopyOnWriteArrayList<>();
        private final AtomicLong ts = new AtomicLong(100);
        private final HttpServer server;

        FakeSlackApi() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/api/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
        }

        private void handle(HttpExchange exchange) throws IOException {
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            Map<String, String> params = new LinkedHashMap<>();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            for (String pair : body.isEmpty() ? new String[0] : body.split("&")) {
                int equals = pair.indexOf('=');
                params.putIfAbsent(
                        URLDecoder.decode(pair.substring(0, Math.max(equals, 0)), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
            boolean authorised =
                    ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            calls.add(new Call(method, params));
            String answer = !authorised
                    ? "{\"ok\":false,\"error\":\"invalid_auth\"}"
                    : switch (method) {
                        case "auth.test" -> "{\"ok\":true,\"team_id\":\"T1\",\"user_id\":\"U0BOT\"}";
                        case "chat.postMessage" ->
                            "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000." + ts.getAndIncrement() + "\"}";
                        case "chat.update" -> "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"" + params.get("ts") + "\"}";
                        default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
                    };
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        List<Call> calls(String method) {
            return calls.stream().filter(call -> call.method().equals(method)).toList();
        }

        void close() {
            server.stop(0);
        }
    }

    @Test
    void aSignedSlashCommandOverHttpEndsAsAThreadInSlack() throws Exception {
        FakeSlackApi slack = new FakeSlackApi();
        cleanup.add(slack::close);
        Path yaml = directory.resolve("mtasts.yml");
        Files.writeString(yaml, """
                network:
                  resolvers: [127.0.0.1:9]
                http:
                  port: 0
                  bind-address: 127.0.0.1
                slack:
                  transport: http
                  channel-interval-millis: 10
                """);
        Map<String, String> environment = new HashMap<>();
        environment.put("SLACK_BOT_TOKEN", TOKEN);
        environment.put("SLACK_SIGNING_SECRET", SECRET);
        environment.put("MTASTS_SLACK_API_URL", slack.url());

        BotConfig config = new ConfigLoader(environment::get).load(Optional.of(yaml), BotConfig.class);
        assertThat(config.slack().apiUrl()).isEqualTo(slack.url());
        List<Module> modules = new ArrayList<>(FrontEnds.modules(config, environment::get));
        modules.add(binder -> {
            Multibinder.newSetBinder(binder, FrontEnd.class);
            Multibinder.newSetBinder(binder, HttpRoute.class);
        });
        modules.add(binder -> {
            binder.requireExplicitBindings();
            binder.disableCircularProxies();
            binder.requireExactBindingAnnotations();
            binder.requireAtInjectOnConstructors();
        });
        modules.add(new EngineModule(config.network().apply(dev.mtasts.core.EngineSettings.defaults())));
        modules.add(new SubscriptionModule(
                new InMemorySubscriptionStore(), config.subscriptions().settings()));
        modules.add(binder -> binder.bind(TlsReports.class).toInstance((domain, days) -> {
            throw new IllegalStateException("this test keeps no TLS reports");
        }));
        modules.add(CheckPlugins.of(new TestPlugin()));
        Injector injector = Guice.createInjector(Stage.PRODUCTION, modules);
        List<FrontEnd> frontEnds = List.copyOf(injector.getInstance(Key.get(new TypeLiteral<Set<FrontEnd>>() {})));
        List<HttpRoute> routes = List.copyOf(injector.getInstance(Key.get(new TypeLiteral<Set<HttpRoute>>() {})));
        BotHttpServer server = new BotHttpServer(config.http(), routes, frontEnds);
        server.start();
        cleanup.add(server::stop);
        for (FrontEnd frontEnd : frontEnds) {
            frontEnd.start();
            cleanup.add(frontEnd::stop);
        }
        assertThat(frontEnds).extracting(FrontEnd::name).containsExactly("slack");

        String body = "team_id=T1&channel_id=C1&user_id=U1&command=%2Fmtasts&text="
                + URLEncoder.encode("https://example.com/", StandardCharsets.UTF_8)
                + "&response_url=" + URLEncoder.encode(slack.url() + "respond", StandardCharsets.UTF_8)
                + "&trigger_id=1.2.3&api_app_id=A1";
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> ack = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/slack/events"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Slack-Request-Timestamp", timestamp)
                        .header("X-Slack-Signature", new SlackSignature.Generator(SECRET).generate(timestamp, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ack.statusCode()).isEqualTo(200);

        await(() -> slack.calls("chat.postMessage").stream()
                .anyMatch(call -> call.params().containsKey("thread_ts")));
        FakeSlackApi.Call parent = slack.calls("chat.postMessage").getFirst();
        assertThat(parent.params()).doesNotContainKey("thread_ts");
        assertThat(parent.params().get("text")).isEqualTo("Checking example.com… 0/2 checks done");
        FakeSlackApi.Call reply = slack.calls("chat.postMessage").stream()
                .filter(call -> call.params().containsKey("thread_ts"))
                .findFirst()
                .orElseThrow();
        assertThat(reply.params().get("thread_ts")).isEqualTo("1700000000.100");
        assertThat(texts(JsonParser.parseString(reply.params().get("blocks"))))
                .contains("TLS-RPT record")
                .contains("v=TLSRPTv1; &lt;!channel&gt;")
                .doesNotContain("<!channel>");
        assertThat(slack.calls("chat.update").getLast().params().get("text")).isEqualTo("MTA-STS example.com: 1 warns");

        HttpResponse<String> health = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"slack\":\"up\"");
    }

    @Test
    void slackIsInstalledOnlyWithItsTokenAndRefusesAnIncompleteSetup() {
        BotConfig defaults = new BotConfig(null, null, null, null, null, null, null, null, null, null);
        assertThat(FrontEnds.modules(defaults, name -> null)).isEmpty();
        assertThat(FrontEnds.modules(defaults, Map.of("SLACK_BOT_TOKEN", " ")::get))
                .isEmpty();
        assertThat(FrontEnds.modules(defaults, Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s")::get))
                .hasSize(1);
        assertThatThrownBy(() -> FrontEnds.modules(defaults, Map.of("SLACK_BOT_TOKEN", "xoxb-1")::get))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("SLACK_SIGNING_SECRET");
    }

    /** Every {@code text} string in a Block Kit payload, one per line. */
    private static String texts(JsonElement json) {
        StringBuilder out = new StringBuilder();
        if (json.isJsonArray()) {
            json.getAsJsonArray().forEach(child -> out.append(texts(child)));
        } else if (json.isJsonObject()) {
            for (Map.Entry<String, JsonElement> entry : json.getAsJsonObject().entrySet()) {
                if (entry.getKey().equals("text") && entry.getValue().isJsonPrimitive()) {
                    out.append(entry.getValue().getAsString()).append('\n');
                } else {
                    out.append(texts(entry.getValue()));
                }
            }
        }
        return out.toString();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s for Slack").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
