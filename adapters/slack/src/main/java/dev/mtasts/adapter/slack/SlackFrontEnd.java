package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.mtasts.core.frontend.FrontEnd;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack front end {@code mtasts serve} starts: in HTTP mode Bolt's app, served at {@code /slack/events} by the
 * bot's HTTP server; in Socket Mode a WebSocket to Slack (JavaWebSocket backend) that reconnects by itself. Start-up
 * checks the bot token with {@code auth.test} and fails fast when Slack refuses it.
 */
public final class SlackFrontEnd implements FrontEnd {
    private static final Logger LOG = LoggerFactory.getLogger(SlackFrontEnd.class);

    private final SlackSetup setup;
    private final App app;
    private final Slack slack;
    private final SlackInteractions interactions;
    private final ChannelOutbox outbox;
    private volatile Optional<SocketModeApp> socketMode = Optional.empty();
    private volatile boolean running;

    public SlackFrontEnd(SlackSetup setup, App app, Slack slack, SlackInteractions interactions, ChannelOutbox outbox) {
        this.setup = requireNonNull(setup, "setup is null");
        this.app = requireNonNull(app, "app is null");
        this.slack = requireNonNull(slack, "slack is null");
        this.interactions = requireNonNull(interactions, "interactions is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public void start() throws Exception {
        verifyToken();
        switch (setup.transport()) {
            case HTTP -> {
                app.start();
                LOG.info("Slack front end in HTTP mode: Slack must reach {}", SlackEventsHandler.PATH);
            }
            case SOCKET_MODE -> {
                String appToken = setup.appToken().orElseThrow();
                SocketModeApp socket = new SocketModeApp(appToken, SocketModeClient.Backend.JavaWebSocket, app);
                try {
                    socket.startAsync();
                } catch (Exception e) {
                    throw new IllegalStateException(
                            "Slack Socket Mode could not connect: check SLACK_APP_TOKEN (an"
                                    + " app-level token with connections:write) and that Socket Mode is on for the app",
                            e);
                }
                socketMode = Optional.of(socket);
                LOG.info("Slack front end in Socket Mode: connected");
            }
        }
        running = true;
    }

    /** {@code auth.test} with the bot token, so that a wrong token stops start-up with a clear reason. */
    private void verifyToken() throws Exception {
        com.slack.api.methods.response.auth.AuthTestResponse response =
                slack.methods(setup.botToken()).authTest(request -> request);
        if (!response.isOk()) {
            throw new IllegalStateException("Slack refused SLACK_BOT_TOKEN (auth.test: " + response.getError() + ")");
        }
        LOG.info("Slack bot token works for team {} as {}", response.getTeamId(), response.getUserId());
    }

    @Override
    public boolean healthy() {
        if (!running) {
            return false;
        }
        return switch (setup.transport()) {
            case HTTP -> app.status() == App.Status.Running;
            case SOCKET_MODE ->
                socketMode
                        .map(SocketModeApp::getClient)
                        .map(client -> {
                            try {
                                return client.verifyConnection();
                            } catch (RuntimeException e) {
                                return false;
                            }
                        })
                        .orElse(false);
        };
    }

    @Override
    public void stop() {
        running = false;
        socketMode.ifPresent(socket -> {
            try {
                socket.close();
            } catch (Exception e) {
                LOG.warn("Slack Socket Mode did not close cleanly", e);
            }
        });
        interactions.close();
        outbox.close();
        try {
            app.stop();
        } catch (RuntimeException e) {
            LOG.warn("Slack app did not stop cleanly", e);
        }
        try {
            slack.close();
        } catch (Exception e) {
            LOG.warn("Slack client did not close cleanly", e);
        }
    }
}
