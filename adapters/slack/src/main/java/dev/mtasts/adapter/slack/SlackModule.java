package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.slack.api.Slack;
import com.slack.api.bolt.App;
import dev.mtasts.core.chat.TlsReports;
import dev.mtasts.core.dispatch.CheckDispatcher;
import dev.mtasts.core.frontend.FrontEnd;
import dev.mtasts.core.frontend.HttpRoute;
import dev.mtasts.core.frontend.ShareLinks;
import dev.mtasts.core.metrics.Metrics;
import dev.mtasts.core.subscription.Notifier;
import dev.mtasts.core.subscription.SubscriptionService;
import java.time.Clock;
import java.util.function.Function;

/**
 * Binds the Slack front end: a {@link FrontEnd}, in HTTP mode the {@code /slack/events} {@link HttpRoute}, and the
 * subscription {@link Notifier}. The engine's {@code CheckService} and {@code Clock} come from the engine module;
 * the {@link SubscriptionService} and the {@link TlsReports} from the launcher, which always binds them. Installed by the launcher with a plain
 * {@code if} when {@code SLACK_BOT_TOKEN} is set.
 */
public final class SlackModule extends AbstractModule {
    private final SlackSetup setup;

    public SlackModule(SlackSetup setup) {
        this.setup = requireNonNull(setup, "setup is null");
    }

    /** Resolves tokens and transport from {@code environment}; fails with a {@code ConfigException} naming what to set. */
    public static SlackModule fromEnvironment(SlackSettings settings, Function<String, String> environment) {
        return new SlackModule(SlackSetup.resolve(settings, environment));
    }

    @Override
    protected void configure() {
        bind(SlackSetup.class).toInstance(setup);
        Multibinder.newSetBinder(binder(), FrontEnd.class).addBinding().to(SlackFrontEnd.class);
        Multibinder.newSetBinder(binder(), Notifier.class).addBinding().to(SlackNotifier.class);
        Multibinder<HttpRoute> routes = Multibinder.newSetBinder(binder(), HttpRoute.class);
        switch (setup.transport()) {
            case HTTP -> routes.addBinding().toProvider(SlackEventsRoute.class);
            case SOCKET_MODE -> {
                // No route: Slack is reached over the WebSocket.
            }
        }
    }

    @Provides
    @Singleton
    Slack slack(SlackSetup setup) {
        return SlackBoltApp.slack(setup);
    }

    @Provides
    @Singleton
    SlackWeb slackWeb(Slack slack, SlackSetup setup) {
        return new BoltSlackWeb(slack, setup.botToken());
    }

    @Provides
    @Singleton
    ChannelOutbox channelOutbox(SlackWeb web, SlackSetup setup) {
        return new ChannelOutbox(web, setup.channelInterval());
    }

    @Provides
    @Singleton
    RecentReports recentReports(SlackSetup setup) {
        return new RecentReports(setup.recentReports());
    }

    @Provides
    @Singleton
    SlackInteractions interactions(
            CheckDispatcher dispatcher,
            ChannelOutbox outbox,
            RecentReports recent,
            SlackSetup setup,
            SlackWeb web,
            SubscriptionService subscriptions,
            ShareLinks share,
            TlsReports reports) {
        return new SlackInteractions(
                dispatcher,
                outbox,
                recent,
                new SlackSubscriptions(subscriptions, web, setup.subscribePermission()),
                share,
                reports);
    }

    @Provides
    @Singleton
    SlackNotifier notifier(SlackWeb web, ChannelOutbox outbox) {
        return new SlackNotifier(web, outbox);
    }

    @Provides
    @Singleton
    App app(SlackSetup setup, Slack slack, SlackInteractions interactions, Metrics metrics) {
        return SlackBoltApp.create(setup, slack, interactions, metrics);
    }

    @Provides
    @Singleton
    SlackFrontEnd frontEnd(
            SlackSetup setup, App app, Slack slack, SlackInteractions interactions, ChannelOutbox outbox) {
        return new SlackFrontEnd(setup, app, slack, interactions, outbox);
    }

    /** The {@code /slack/events} route, for HTTP mode only (Socket Mode has no signing secret to verify with). */
    static final class SlackEventsRoute implements jakarta.inject.Provider<HttpRoute> {
        private final App app;
        private final SlackSetup setup;
        private final Clock clock;

        @jakarta.inject.Inject
        SlackEventsRoute(App app, SlackSetup setup, Clock clock) {
            this.app = requireNonNull(app, "app is null");
            this.setup = requireNonNull(setup, "setup is null");
            this.clock = requireNonNull(clock, "clock is null");
        }

        @Override
        public HttpRoute get() {
            SlackRequestVerifier verifier = new SlackRequestVerifier(
                    setup.signingSecret()
                            .orElseThrow(() -> new IllegalStateException("HTTP mode without a signing secret")),
                    clock);
            return new SlackEventsHandler(app, verifier).route();
        }
    }
}
