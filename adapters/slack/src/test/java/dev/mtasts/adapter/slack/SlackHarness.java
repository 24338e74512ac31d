package dev.mtasts.adapter.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.sun.net.httpserver.HttpServer;
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

    SlackHarness(FakeChecker checker, Duration channelInterval) throws Exception {
        this(checker, channelInterval, Optional.empty(), SlackSetup.SubscribePermission.EVERYONE);
    }

    /** A harness whose subscriptions go to {@code subscriptions}, with the given permission. */
    SlackHarness(
            FakeChecker checker,
            Duration channelInterval,
            Optional<dev.mtasts.core.subscription.SubscriptionService> subscriptions,
            SlackSetup.SubscribePermission permission)
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
        SlackInteractions interactions = new SlackInteractions(
                checker,
                outbox,
                new RecentReports(20),
                4,
                subscriptions.map(service -> new SlackSubscriptions(service, web, permission)));
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

    static SlackHarness start(FakeChecker checker) throws Exception {
        return new SlackHarness(checker, Duration.ofMillis(5));
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        frontEnd.stop();
        slack.close();
    }
}
