package dev.mtasts.adapter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.Slack;
import com.slack.api.bolt.App;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Socket Mode against a fake Slack: {@code apps.connections.open}, then a loopback WebSocket playing Slack's part. */
final class TestSocketMode {
    private FakeSlack slack;
    private FakeSocketModeServer socket;
    private SlackFrontEnd frontEnd;

    /** Sends {@code hello}, then a slash command envelope; records what the bot sends back. */
    private static final class FakeSocketModeServer extends WebSocketServer {
        final List<String> received = new CopyOnWriteArrayList<>();
        final List<WebSocket> connections = new CopyOnWriteArrayList<>();
        private final AtomicBoolean commandSent = new AtomicBoolean();
        private final String responseUrl;

        FakeSocketModeServer(String responseUrl) {
            super(new InetSocketAddress("127.0.0.1", 0));
            this.responseUrl = responseUrl;
            setReuseAddr(true);
        }

        @Override
        public void onOpen(WebSocket connection, ClientHandshake handshake) {
            connections.add(connection);
            connection.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake\","
                    + "\"build_number\":1,\"approximate_connection_time\":18060},"
                    + "\"connection_info\":{\"app_id\":\"A1\"}}");
            if (commandSent.getAndSet(true)) {
                return;
            }
            JsonObject payload = new JsonObject();
            payload.addProperty("token", "legacy");
            payload.addProperty("team_id", "T1");
            payload.addProperty("team_domain", "test");
            payload.addProperty("channel_id", "C1");
            payload.addProperty("channel_name", "general");
            payload.addProperty("user_id", "U1");
            payload.addProperty("user_name", "alice");
            payload.addProperty("command", "/mtasts");
            payload.addProperty("text", "example.com");
            payload.addProperty("api_app_id", "A1");
            payload.addProperty("response_url", responseUrl);
            payload.addProperty("trigger_id", "1.2.3");
            JsonObject envelope = new JsonObject();
            envelope.addProperty("envelope_id", "envelope-1");
            envelope.addProperty("type", "slash_commands");
            envelope.add("payload", payload);
            envelope.addProperty("accepts_response_payload", true);
            connection.send(envelope.toString());
        }

        @Override
        public void onMessage(WebSocket connection, String message) {
            received.add(message);
        }

        @Override
        public void onClose(WebSocket connection, int code, String reason, boolean remote) {
            connections.remove(connection);
        }

        @Override
        public void onError(WebSocket connection, Exception e) {}

        @Override
        public void onStart() {}
    }

    @AfterEach
    void stop() throws Exception {
        if (frontEnd != null) {
            frontEnd.stop();
        }
        if (socket != null) {
            socket.stop(1000);
        }
        if (slack != null) {
            slack.close();
        }
    }

    @Test
    void receivesACommandOverTheWebSocketAcksItAndPostsTheReport() throws Exception {
        slack = new FakeSlack();
        socket = new FakeSocketModeServer(slack.responseUrl("socket"));
        socket.start();
        FakeSlack.await("the WebSocket server", () -> socket.getPort() > 0);
        slack.socketModeUrl("ws://127.0.0.1:" + socket.getPort() + "/");
        SlackSetup setup = new SlackSetup(
                SlackSetup.Transport.SOCKET_MODE,
                FakeSlack.BOT_TOKEN,
                Optional.empty(),
                Optional.of("xapp-test-token"),
                slack.apiUrl(),
                Duration.ofMillis(5),
                2,
                20,
                SlackSetup.SubscribePermission.EVERYONE);
        Slack sdk = SlackBoltApp.slack(setup);
        ChannelOutbox outbox = new ChannelOutbox(new BoltSlackWeb(sdk, setup.botToken()), setup.channelInterval());
        SlackInteractions interactions = new SlackInteractions(
                new dev.mtasts.core.dispatch.CheckDispatcher(
                        FakeChecker.answering(TestingReports::failing), SlackHarness.OPEN, java.time.Clock.systemUTC()),
                outbox,
                new RecentReports(20),
                new SlackSubscriptions(
                        SlackHarness.subscriptions(),
                        new BoltSlackWeb(sdk, setup.botToken()),
                        SlackSetup.SubscribePermission.EVERYONE),
                SlackHarness.NO_REPORTS);
        App app = SlackBoltApp.create(setup, sdk, interactions);
        frontEnd = new SlackFrontEnd(setup, app, sdk, interactions, outbox);

        frontEnd.start();

        FakeSlack.await(
                "the ack envelope", () -> socket.received.stream().anyMatch(message -> message.contains("envelope-1")));
        JsonObject ack = socket.received.stream()
                .filter(message -> message.contains("envelope-1"))
                .map(message -> JsonParser.parseString(message).getAsJsonObject())
                .findFirst()
                .orElseThrow();
        assertThat(ack.get("envelope_id").getAsString()).isEqualTo("envelope-1");
        FakeSlack.await(
                "the thread replies", () -> slack.calls("chat.postMessage").size() == 3);
        assertThat(slack.calls("apps.connections.open")).isNotEmpty();
        assertThat(slack.calls("chat.postMessage")).hasSize(3);
        assertThat(frontEnd.healthy()).isTrue();
    }
}
