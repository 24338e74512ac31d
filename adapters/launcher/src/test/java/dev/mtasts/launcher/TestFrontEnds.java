package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import dev.mtasts.adapter.discord.FakeDiscord;
import dev.mtasts.core.CheckPlugins;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.chat.TlsReports;
import dev.mtasts.core.config.ConfigLoader;
import dev.mtasts.core.frontend.FrontEnd;
import dev.mtasts.core.frontend.HttpRoute;
import dev.mtasts.core.subscription.InMemorySubscriptionStore;
import dev.mtasts.core.subscription.SubscriptionModule;
import dev.mtasts.core.subscription.SubscriptionSettings;
import dev.mtasts.spi.Check;
import dev.mtasts.spi.CheckPlugin;
import dev.mtasts.spi.CheckResult;
import dev.mtasts.spi.DomainContext;
import dev.mtasts.spi.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which chat front ends {@code serve} installs, and that they start in one JVM as it wires them. */
final class TestFrontEnds {
    @Test
    void withoutTokensNoChatFrontEndIsInstalled() {
        Map<String, String> environment = Map.of();

        assertThat(FrontEnds.modules(config(environment), environment::get)).isEmpty();
    }

    @Test
    void discordTokenStartsDiscordAgainstTheConfiguredUrls() throws Exception {
        try (FakeDiscord discord = new FakeDiscord()) {
            Map<String, String> environment = Map.of(
                    "DISCORD_TOKEN",
                    FakeDiscord.TOKEN,
                    "DISCORD_API_URL",
                    discord.apiUrl(),
                    "DISCORD_GATEWAY_URL",
                    discord.gatewayUrl(),
                    "MTASTS_DISCORD_COMPRESSION",
                    "none");

            List<FrontEnd> frontEnds = frontEnds(FrontEnds.modules(config(environment), environment::get));
            assertThat(frontEnds).extracting(FrontEnd::name).containsExactly("discord");
            try {
                for (FrontEnd frontEnd : frontEnds) {
                    frontEnd.start();
                }
                discord.awaitSession();
                discord.await("the /mtasts registration", call -> call.is("PUT", "applications/\\d+/commands"));
                assertThat(frontEnds).allMatch(FrontEnd::healthy);
            } finally {
                frontEnds.forEach(FrontEnd::stop);
            }
        }
    }

    /** JDA (on OkHttp 4.12, pinned) and the Slack SDK share one JVM: both start and report healthy. */
    @Test
    void slackAndDiscordStartTogetherInOneJvm() throws Exception {
        TestSlackEndToEnd.FakeSlackApi slack = new TestSlackEndToEnd.FakeSlackApi();
        try (FakeDiscord discord = new FakeDiscord()) {
            Map<String, String> environment = Map.of(
                    "SLACK_BOT_TOKEN",
                    TestSlackEndToEnd.TOKEN,
                    "SLACK_SIGNING_SECRET",
                    TestSlackEndToEnd.SECRET,
                    "MTASTS_SLACK_API_URL",
                    slack.url(),
                    "MTASTS_SLACK_TRANSPORT",
                    "http",
                    "DISCORD_TOKEN",
                    FakeDiscord.TOKEN,
                    "DISCORD_API_URL",
                    discord.apiUrl(),
                    "DISCORD_GATEWAY_URL",
                    discord.gatewayUrl(),
                    "MTASTS_DISCORD_COMPRESSION",
                    "none");

            List<FrontEnd> frontEnds = frontEnds(FrontEnds.modules(config(environment), environment::get));
            assertThat(frontEnds).extracting(FrontEnd::name).containsExactlyInAnyOrder("slack", "discord");
            try {
                for (FrontEnd frontEnd : frontEnds) {
                    frontEnd.start();
                }
                discord.awaitSession();
                discord.await("the /mtasts registration", call -> call.is("PUT", "applications/\\d+/commands"));
                assertThat(frontEnds).allMatch(FrontEnd::healthy);
                assertThat(slack.calls("auth.test")).isNotEmpty();
                assertThat(okhttpJars()).as("one OkHttp on the class path").hasSize(1);
            } finally {
                frontEnds.forEach(FrontEnd::stop);
            }
        } finally {
            slack.close();
        }
    }

    private static List<String> okhttpJars() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> entry.matches(".*/okhttp(-jvm)?-[0-9][^/]*\\.jar"))
                .toList();
    }

    @Test
    void aBadDiscordUrlIsAUsageError() {
        Map<String, String> environment = Map.of("DISCORD_TOKEN", "token", "DISCORD_API_URL", "ftp://example.com/");

        assertThatThrownBy(() -> FrontEnds.modules(config(environment), environment::get))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("discord.api-url must be an absolute http or https URL");
    }

    private static BotConfig config(Map<String, String> environment) {
        return new ConfigLoader(environment::get).load(Optional.empty(), BotConfig.class);
    }

    /**
     * The injector {@code serve} builds ({@link Bootstrap}'s strictness, the set binders {@link ServeCommand} adds),
     * with a check plugin given here instead of discovered, so this test does not depend on the checks jar.
     */
    private static List<FrontEnd> frontEnds(List<Module> frontEndModules) {
        List<Module> modules = new ArrayList<>(frontEndModules);
        modules.add(binder -> {
            binder.requireExplicitBindings();
            binder.disableCircularProxies();
            binder.requireExactBindingAnnotations();
            binder.requireAtInjectOnConstructors();
            Multibinder.newSetBinder(binder, FrontEnd.class);
            Multibinder.newSetBinder(binder, HttpRoute.class);
        });
        modules.add(new EngineModule(EngineSettings.defaults()));
        modules.add(new SubscriptionModule(new InMemorySubscriptionStore(), SubscriptionSettings.defaults()));
        modules.add(binder -> binder.bind(TlsReports.class).toInstance((domain, days) -> {
            throw new IllegalStateException("this test keeps no TLS reports");
        }));
        modules.add(CheckPlugins.of(new CheckPlugin() {
            @Override
            public String name() {
                return "wiring";
            }

            @Override
            public List<Check> checks() {
                return List.of(new Check() {
                    @Override
                    public String id() {
                        return "always-pass";
                    }

                    @Override
                    public String title() {
                        return "Always passes";
                    }

                    @Override
                    public CheckResult run(DomainContext context) {
                        return CheckResult.of(Finding.pass("fine", "Fine"));
                    }
                });
            }
        }));
        Injector injector = Guice.createInjector(Stage.PRODUCTION, modules);
        return List.copyOf(injector.getInstance(Key.get(new TypeLiteral<Set<FrontEnd>>() {})));
    }
}
