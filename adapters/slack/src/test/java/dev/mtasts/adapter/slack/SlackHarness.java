package dev.mtasts.adapter.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.sun.net.httpserver.HttpServer;
import dev.mtasts.core.chat.TlsReports;
import dev.mtasts.core.dispatch.CheckDispatcher;
import dev.mtasts.core.dispatch.DispatchSettings;
import dev.mtasts.core.dispatch.RateLimit;
import dev.mtasts.core.subscription.InMemorySubscriptionStore;
import dev.mtasts.core.subscription.SubscriptionService;
import dev.mtasts.core.subscription.SubscriptionSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The real Bolt {@link App} with the bot's listeners, served by {@link SlackEventsHandler} on loopback, posting to a
 * {@link FakeSlack}. Only the engine is replaced, by a {@link FakeChecker}.
 */
final class SlackHarness implements AutoCloseable {
    final FakeSlack slack;
    final FakeChecker checker;
    final SlackSetup setup;
    final SlackFrontEnd frontEnd;
    final App app;
    final SignedRequests requests;
    final SlackWeb web;
    final ChannelOutbox outbox;
    private final HttpServer server;

    /**
     * The dispatcher's settings for tests that are not about admission: four workers, no cache, no cooldown, limits
     * far away, so every command runs its own check as before the dispatcher existed.
     */
    static final DispatchSettings OPEN = DispatchSettings.defaults()
            .withWorkers(4)
            .withCacheTtl(Duration.ZERO)
            .withRecheckCooldown(Duration.ZERO)
            .withPerUser(new RateLimit(100_000, Duration.ofMillis(1)))
            .withPerPlace(new RateLimit(100_000, Duration.ofMillis(1)))
            .withShutdownGrace(Duration.ofSeconds(2));

    final CheckDispatcher dispatcher;

    SlackHarness(FakeChecker checker, Duration channelInterval) throws Exception {
        this(checker, channelInterval, subscriptions(), SlackSetup.SubscribePermission.EVERYONE);
    }

    /** A harness whose subscriptions go to {@code subscriptions}, with the given permission. */
    SlackHarness(
            FakeChecker checker,
            Duration channelInterval,
            SubscriptionService subscriptions,
            SlackSetup.SubscribePermission permission)
            throws Exception {
        this(checker, channelInterval, subscriptions, permission, OPEN);
    }

    SlackHarness(
            FakeChecker checker,
            Duration channelInterval,
            SubscriptionService subscriptions,
            SlackSetup.SubscribePermission permission,
            DispatchSettings dispatch)
            throws Exception {
        this(checker, channelInterval, subscriptions, permission, dispatch, checker);
    }

    /** A harness whose dispatcher runs {@code runner} (which may wrap {@code checker}). */
    SlackHarness(
            FakeChecker checker,
            Duration channelInterval,
            SubscriptionService subscriptions,
            SlackSetup.SubscribePermission permission,
            DispatchSettings dispatch,
            dev.mtasts.core.dispatch.DomainRunner runner)
            throws Exception {
        this(checker, channelInterval, subscriptions, permission, dispatch, runner, NO_REPORTS);
    }

    /** A harness whose {@code /mtasts reports} reads {@code reports}. */
    SlackHarness(
            FakeChecker checker,
            Duration channelInterval,
            SubscriptionService subscriptions,
            SlackSetup.SubscribePermission permission,
            DispatchSettings dispatch,
            dev.mtasts.core.dispatch.DomainRunner runner,
            TlsReports reports)
            throws Exception {
        this.slack = new FakeSlack();
        this.checker = checker;
        this.setup = new SlackSetup(
                SlackSetup.Transport.HTTP,
                FakeSlack.BOT_TOKEN,
                Optional.of(SignedRequests.SIGNING_SECRET),
                Optional.empty(),
                slack.apiUrl(),
                channelInterval,
                4,
                20,
                permission);
        Slack sdk = SlackBoltApp.slack(setup);
        this.web = new BoltSlackWeb(sdk, setup.botToken());
        this.outbox = new ChannelOutbox(web, channelInterval);
        this.dispatcher = new CheckDispatcher(runner, dispatch, Clock.systemUTC());
        SlackInteractions interactions = new SlackInteractions(
                dispatcher,
                outbox,
                new RecentReports(20),
                new SlackSubscriptions(subscriptions, web, permission),
                reports);
        this.app = SlackBoltApp.create(setup, sdk, interactions);
        this.frontEnd = new SlackFrontEnd(setup, app, sdk, interactions, outbox);
        frontEnd.start();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext(
                SlackEventsHandler.PATH,
                JdkHttpCall.handler(new SlackEventsHandler(
                                app, new SlackRequestVerifier(SignedRequests.SIGNING_SECRET, Clock.systemUTC()))
                        .route()));
        server.start();
        this.requests = new SignedRequests(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + SlackEventsHandler.PATH));
    }

    /** The report store of the tests that do not read TLS reports (serve always has one). */
    static final TlsReports NO_REPORTS = (domain, days) -> {
        throw new IllegalStateException("this test keeps no TLS reports");
    };

    /** Subscriptions over an in-memory store, as serve always has them (here they are never scheduled). */
    static SubscriptionService subscriptions() {
        return new SubscriptionService(
                new InMemorySubscriptionStore(),
                (domain, progress) -> TestingReports.failing(domain),
                SubscriptionSettings.defaults(),
                Clock.systemUTC());
    }

    static SlackHarness start(FakeChecker checker) throws Exception {
        return new SlackHarness(checker, Duration.ofMillis(5));
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        frontEnd.stop();
        dispatcher.close();
        slack.close();
    }
}
