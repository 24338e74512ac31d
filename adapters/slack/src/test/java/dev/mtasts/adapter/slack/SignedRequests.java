package dev.mtasts.adapter.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.slack.api.app_backend.SlackSignature;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Slack's requests as Slack sends them: form-encoded, signed with the signing secret like the SDK's own tests. */
final class SignedRequests {
    static final String SIGNING_SECRET = "test-signing-secret";

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;

    SignedRequests(URI endpoint) {
        this.endpoint = endpoint;
    }

    static String slashCommandBody(String channelId, String text, String responseUrl) {
        return slashCommandBody(channelId, "U1", text, responseUrl);
    }

    /** {@link #slashCommandBody(String, String, String)} by the user {@code userId}. */
    static String slashCommandBody(String channelId, String userId, String text, String responseUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "legacy-verification-token");
        form.put("team_id", "T1");
        form.put("team_domain", "test");
        form.put("channel_id", channelId);
        form.put("channel_name", "general");
        form.put("user_id", userId);
        form.put("user_name", "alice");
        form.put("command", "/mtasts");
        form.put("text", text);
        form.put("api_app_id", "A1");
        form.put("response_url", responseUrl);
        form.put("trigger_id", "1.2.3");
        return encode(form);
    }

    static String blockActionBody(
            String actionId, String value, String channelId, String messageTs, String responseUrl) {
        JsonObject payload = new JsonObject();
        payload.addProperty("type", "block_actions");
        JsonObject team = new JsonObject();
        team.addProperty("id", "T1");
        team.addProperty("domain", "test");
        payload.add("team", team);
        JsonObject user = new JsonObject();
        user.addProperty("id", "U2");
        user.addProperty("username", "bob");
        user.addProperty("team_id", "T1");
        payload.add("user", user);
        payload.addProperty("api_app_id", "A1");
        payload.addProperty("token", "legacy-verification-token");
        JsonObject container = new JsonObject();
        container.addProperty("type", "message");
        container.addProperty("message_ts", messageTs);
        container.addProperty("channel_id", channelId);
        container.addProperty("is_ephemeral", false);
        payload.add("container", container);
        payload.addProperty("trigger_id", "4.5.6");
        JsonObject channel = new JsonObject();
        channel.addProperty("id", channelId);
        channel.addProperty("name", "general");
        payload.add("channel", channel);
        payload.addProperty("response_url", responseUrl);
        JsonArray actions = new JsonArray();
        JsonObject action = new JsonObject();
        action.addProperty("action_id", actionId);
        action.addProperty("block_id", "mtasts_actions");
        action.addProperty("value", value);
        action.addProperty("type", "button");
        action.addProperty("action_ts", "1700000001.000001");
        JsonObject text = new JsonObject();
        text.addProperty("type", "plain_text");
        text.addProperty("text", "Re-check");
        action.add("text", text);
        actions.add(action);
        payload.add("actions", actions);
        return "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
    }

    static String appHomeOpenedBody() {
        JsonObject event = new JsonObject();
        event.addProperty("type", "app_home_opened");
        event.addProperty("user", "U3");
        event.addProperty("channel", "D1");
        event.addProperty("tab", "home");
        event.addProperty("event_ts", "1700000002.000002");
        JsonObject payload = new JsonObject();
        payload.addProperty("token", "legacy-verification-token");
        payload.addProperty("team_id", "T1");
        payload.addProperty("api_app_id", "A1");
        payload.add("event", event);
        payload.addProperty("type", "event_callback");
        payload.addProperty("event_id", "Ev1");
        payload.addProperty("event_time", 1700000002);
        return payload.toString();
    }

    /** Posts {@code body} signed for {@code timestamp}. */
    HttpResponse<String> post(String body, String contentType, Instant timestamp, String secret)
            throws IOException, InterruptedException {
        String ts = String.valueOf(timestamp.getEpochSecond());
        String signature = new SlackSignature.Generator(secret).generate(ts, body);
        return send(body, contentType, ts, signature);
    }

    HttpResponse<String> post(String body, String contentType) throws IOException, InterruptedException {
        return post(body, contentType, Instant.now(), SIGNING_SECRET);
    }

    HttpResponse<String> postForm(String body) throws IOException, InterruptedException {
        return post(body, "application/x-www-form-urlencoded");
    }

    HttpResponse<String> send(String body, String contentType, String timestamp, String signature)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (timestamp != null) {
            request.header(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP, timestamp);
        }
        if (signature != null) {
            request.header(SlackSignature.HeaderNames.X_SLACK_SIGNATURE, signature);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
