package dev.mtasts.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import dev.mtasts.core.CheckPlugins;
import dev.mtasts.core.EngineModule;
import dev.mtasts.core.EngineSettings;
import dev.mtasts.core.chat.TlsReports;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Guice wiring, in the launcher's strict mode, with the real engine and a one-check plugin. */
final class TestSlackModule {
    private static final class OneCheckPlugin implements CheckPlugin {
        @Override
        public String name() {
            return "one-check";
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
    }

    private static Injector injector(Map<String, String> environment) {
        return Guice.createInjector(
                Stage.PRODUCTION,
                binder -> {
                    binder.requireExplicitBindings();
                    binder.disableCircularProxies();
                    binder.requireExactBindingAnnotations();
                    binder.requireAtInjectOnConstructors();
                },
                // Loopback only: nothing here may reach a real resolver.
                new EngineModule(EngineSettings.defaults().withResolvers(List.of("127.0.0.1:9"))),
                CheckPlugins.of(new OneCheckPlugin()),
                SlackModule.fromEnvironment(SlackSettings.defaults(), environment::get),
                new SubscriptionModule(new InMemorySubscriptionStore(), SubscriptionSettings.defaults()),
                binder -> binder.bind(TlsReports.class).toInstance(SlackHarness.NO_REPORTS),
                binder -> {
                    Multibinder.newSetBinder(binder, FrontEnd.class);
                    Multibinder.newSetBinder(binder, HttpRoute.class);
                });
    }

    @Test
    void httpModeContributesTheFrontEndAndTheEventsRoute() {
        Injector injector = injector(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s"));
        Set<FrontEnd> frontEnds = injector.getInstance(Key.get(new TypeLiteral<Set<FrontEnd>>() {}));
        Set<HttpRoute> routes = injector.getInstance(Key.get(new TypeLiteral<Set<HttpRoute>>() {}));
        assertThat(frontEnds).singleElement().satisfies(frontEnd -> assertThat(frontEnd.name())
                .isEqualTo("slack"));
        assertThat(routes).singleElement().satisfies(route -> assertThat(route.path())
                .isEqualTo("/slack/events"));
        assertThat(injector.getInstance(dev.mtasts.core.dispatch.CheckDispatcher.class)
                        .checks())
                .extracting(dev.mtasts.core.CheckService.CheckDefinition::id)
                .containsExactly("always-pass");
        injector.getInstance(SlackFrontEnd.class).stop();
    }

    @Test
    void socketModeHasNoRoute() {
        Injector injector = injector(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1"));
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Set<HttpRoute>>() {})))
                .isEmpty();
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Set<FrontEnd>>() {})))
                .hasSize(1);
        injector.getInstance(SlackFrontEnd.class).stop();
    }
}
