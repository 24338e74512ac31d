package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.slack.api.app_backend.SlackSignature;
import dev.mtasts.core.CheckPlugins;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.chat.TlsReports;
import dev.mtasts.core.config.ConfigLoader;
import dev.mtasts.core.frontend.FrontEnd;
import dev.mtasts.core.frontend.HttpRoute;
import dev.mtasts.core.subscription.SubscriptionModule;
import dev.mtasts.core.subscription.SubscriptionScheduler;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckPlugin;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.Remediation;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreModule;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.store.subscription.JdbcSubscriptionStore;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscriptions end to end, wired as {@link ServeCommand} wires them: a signed {@code /mtasts subscribe} over HTTP
 * stores the subscription in the embedded database and posts the baseline; the scheduler (interval one second)
 * re-checks the domain, sees it break, and posts the change to the channel with the fix in its thread.
 */
final class TestSubscriptionsEndToEnd {
    private final List<Runnable> cleanup = new ArrayList<>();
    private final AtomicBoolean broken = new AtomicBoolean();

    @TempDir
    Path directory;

    @AfterEach
    void stop() {
        cleanup.reversed().forEach(Runnable::run);
    }

    /** One check that passes until the test breaks the domain. */
    private final class Plugin implements CheckPlugin {
        @Override
        public String name() {
            return "subscriptions-e2e";
        }

        @Override
        public List<Check> checks() {
            return List.of(new Check() {
                @Override
                public String id() {
                    return "dns-record";
                }

                @Override
                public String title() {
                    return "MTA-STS DNS record";
                }

                @Override
                public CheckResult run(DomainContext context) {
                    return broken.get()
                            ? CheckResult.of(Finding.fail(
                                    "sts-record-missing",
                                    "No v=STSv1 record at _mta-sts.example.com",
                                    new Remediation(
                                            "Publish v=STSv1; id=20260301 at _mta-sts.example.com",
                                            FixTime.of(Duration.ofMinutes(5), "5 min"))))
                            : CheckResult.of(Finding.pass("sts-record-valid", "One valid record"));
                }
            });
        }
    }

    @Test
    void subscribeThenTheSchedulerTellsTheChannelWhatBroke() throws Exception {
        TestSlackEndToEnd.FakeSlackApi slack = new TestSlackEndToEnd.FakeSlackApi();
        cleanup.add(slack::close);
        Path yaml = directory.resolve("mtasts.yml");
        Files.writeString(yaml, """
                network:
                  resolvers: [127.0.0.1:9]
                  timeout-seconds: 2
                http:
                  port: 0
                  bind-address: 127.0.0.1
                slack:
                  transport: http
                  channel-interval-millis: 10
                subscriptions:
                  interval: 1
                  jitter: 0%
                  lease: PT10S
                """);
        Map<String, String> environment = new HashMap<>();
        environment.put("SLACK_BOT_TOKEN", TestSlackEndToEnd.TOKEN);
        environment.put("SLACK_SIGNING_SECRET", TestSlackEndToEnd.SECRET);
        environment.put("MTASTS_SLACK_API_URL", slack.url());
        BotConfig config = new ConfigLoader(environment::get).load(Optional.of(yaml), BotConfig.class);

        JdbcHistoryStore history =
                JdbcHistoryStore.open(StoreSettings.embedded(directory.resolve("data")), Clock.systemUTC());
        cleanup.add(history::close);
        List<Module> modules = new ArrayList<>(FrontEnds.modules(config, environment::get));
        modules.add(binder -> {
            Multibinder.newSetBinder(binder, FrontEnd.class);
            Multibinder.newSetBinder(binder, HttpRoute.class);
        });
        modules.add(new SubscriptionModule(
                new JdbcSubscriptionStore(history.dataSource(), history.describe()),
                config.subscriptions().settings()));
        modules.add(binder -> binder.bind(TlsReports.class).toInstance((domain, days) -> {
            throw new IllegalStateException("this test keeps no TLS reports");
        }));
        modules.add(binder -> {
            binder.requireExplicitBindings();
            binder.disableCircularProxies();
            binder.requireExactBindingAnnotations();
            binder.requireAtInjectOnConstructors();
        });
        modules.add(new EngineModule(config.network().apply(EngineSettings.defaults())));
        modules.add(new StoreModule(history));
        modules.add(CheckPlugins.of(new Plugin()));
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
        SubscriptionScheduler scheduler = injector.getInstance(SubscriptionScheduler.class);
        scheduler.start();
        cleanup.add(scheduler::stop);

        HttpResponse<String> ack = slashCommand(server.port(), "subscribe example.com");

        assertThat(ack.statusCode()).isEqualTo(200);
        await(() -> slack.calls("chat.update").stream()
                .anyMatch(call -> call.params().get("text").equals("MTA-STS example.com: MTA-STS looks good")));
        assertThat(slack.calls("chat.postMessage").getFirst().params().get("text"))
                .startsWith("This channel now follows example.com");

        broken.set(true);
        await(() -> slack.calls("chat.postMessage").stream()
                .anyMatch(
                        call -> call.params().getOrDefault("text", "").startsWith("example.com: status pass → fail")));
        TestSlackEndToEnd.FakeSlackApi.Call notification = slack.calls("chat.postMessage").stream()
                .filter(call -> call.params().getOrDefault("text", "").startsWith("example.com: status pass → fail"))
                .findFirst()
                .orElseThrow();
        assertThat(notification.params()).doesNotContainKey("thread_ts").containsKey("metadata");
        await(
                () -> slack.calls("chat.postMessage").stream()
                        .anyMatch(call -> call.params().containsKey("thread_ts")
                                && JsonParser.parseString(call.params().get("blocks"))
                                        .toString()
                                        .contains("Publish v=STSv1; id=20260301")),
                () -> slack.calls.toString());
        assertThat(history.timeline("example.com")).hasSizeGreaterThanOrEqualTo(2);
    }

    private static HttpResponse<String> slashCommand(int port, String text) throws Exception {
        String body = "team_id=T1&channel_id=C1&user_id=U1&command=%2Fmtasts&text="
                + URLEncoder.encode(text, StandardCharsets.UTF_8)
                + "&response_url=" + URLEncoder.encode("http://127.0.0.1:9/respond", StandardCharsets.UTF_8)
                + "&trigger_id=1.2.3&api_app_id=A1";
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("X-Slack-Request-Timestamp", timestamp)
                                .header(
                                        "X-Slack-Signature",
                                        new SlackSignature.Generator(TestSlackEndToEnd.SECRET)
                                                .generate(timestamp, body))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        await(condition, () -> "");
    }

    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> context)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; " + context.get());
            }
            Thread.sleep(20);
        }
    }
}
