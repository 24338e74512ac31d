package dev.mtasts.adapter.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;

/**
 * A fake Slack on loopback: the Web API methods the bot calls ({@code auth.test}, {@code chat.postMessage},
 * {@code chat.update}, {@code views.publish}, {@code apps.connections.open}) under {@code /api/}, and response URLs
 * under {@code /respond/}. It records every call, answers {@code not_in_channel} for channels the bot is not in, and
 * can answer 429 with {@code Retry-After} for chosen calls.
 */
final class FakeSlack implements AutoCloseable {
    /** One recorded call: the API method (or {@code respond}), its form parameters or JSON body. */
    record Call(String method, Map<String, String> params, Optional<JsonObject> json, String path) {
        String param(String name) {
            String value = params.get(name);
            if (value == null) {
                throw new AssertionError(method + " has no parameter " + name + ": " + params);
            }
            return value;
        }

        JsonArray blocks() {
            if (json.isPresent()) {
                return json.get().getAsJsonArray("blocks");
            }
            return JsonParser.parseString(param("blocks")).getAsJsonArray();
        }

        /** Every text in the blocks, concatenated, for "contains" assertions. */
        String blocksText() {
            StringBuilder out = new StringBuilder();
            collectText(blocks(), out);
            return out.toString();
        }

        private static void collectText(JsonElement element, StringBuilder out) {
            if (element.isJsonArray()) {
                element.getAsJsonArray().forEach(child -> collectText(child, out));
            } else if (element.isJsonObject()) {
                JsonObject object = element.getAsJsonObject();
                for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
                    if (entry.getKey().equals("text") && entry.getValue().isJsonPrimitive()) {
                        out.append(entry.getValue().getAsString()).append('\n');
                    } else {
                        collectText(entry.getValue(), out);
                    }
                }
            }
        }
    }

    static final String BOT_TOKEN = "xoxb-test-token";

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final Set<String> notInChannel = ConcurrentHashMap.newKeySet();
    private final Set<String> admins = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<String>> memberships = new ConcurrentHashMap<>();
    private volatile boolean historyScope = true;
    private final Map<String, IntPredicate> rateLimits = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final AtomicLong nextTs = new AtomicLong(100);
    private volatile String socketModeUrl = "ws://127.0.0.1:1/";
    private volatile Duration retryAfter = Duration.ofSeconds(1);

    FakeSlack() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/", this::api);
        server.createContext("/respond/", this::respond);
        server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    String responseUrl(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/respond/" + name;
    }

    /** The bot is not in {@code channelId}: posts there fail with {@code not_in_channel}. */
    void notInChannel(String channelId) {
        notInChannel.add(channelId);
    }

    /** {@code users.conversations} lists {@code channelId} among the conversations of {@code userId}. */
    void member(String userId, String channelId) {
        memberships
                .computeIfAbsent(userId, ignored -> ConcurrentHashMap.newKeySet())
                .add(channelId);
    }

    /** {@code users.info} says the user is a workspace admin. */
    void admin(String userId) {
        admins.add(userId);
    }

    /** {@code conversations.history} answers {@code missing_scope}, as for an app without the history scopes. */
    void withoutHistoryScope() {
        historyScope = false;
    }

    /** Calls of {@code method} whose 1-based number matches answer 429 with {@code Retry-After}. */
    void rateLimit(String method, IntPredicate callNumbers) {
        rateLimits.put(method, callNumbers);
    }

    void socketModeUrl(String url) {
        socketModeUrl = url;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> calls(String method) {
        return calls().stream().filter(call -> call.method().equals(method)).toList();
    }

    /** How many times {@code method} was answered, 429s included. */
    int attempts(String method) {
        AtomicInteger count = counts.get(method);
        return count == null ? 0 : count.get();
    }

    /** Waits (up to 30 s) for {@code condition}; the tests assert on the outcome, never on the time taken. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private void api(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int number = counts.computeIfAbsent(method, key -> new AtomicInteger()).incrementAndGet();
        IntPredicate limited = rateLimits.get(method);
        if (limited != null && limited.test(number)) {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfter.toSeconds()));
            send(exchange, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
            return;
        }
        Map<String, String> params = form(body);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + BOT_TOKEN).equals(authorization) && !method.equals("apps.connections.open")) {
            record(new Call(
                    method, params, Optional.empty(), exchange.getRequestURI().getPath()));
            send(exchange, 200, "{\"ok\":false,\"error\":\"invalid_auth\"}");
            return;
        }
        record(new Call(
                method, params, Optional.empty(), exchange.getRequestURI().getPath()));
        String channel = params.getOrDefault("channel", "");
        String answer =
                switch (method) {
                    case "auth.test" ->
                        "{\"ok\":true,\"url\":\"https://test.slack.com/\",\"team\":\"Test\",\"user\":\"mtasts\","
                                + "\"team_id\":\"T1\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\"}";
                    case "chat.postMessage" ->
                        notInChannel.contains(channel)
                                ? "{\"ok\":false,\"error\":\"not_in_channel\"}"
                                : "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + ts()
                                        + "\",\"message\":{\"type\":\"message\",\"text\":\"x\"}}";
                    case "chat.update" ->
                        notInChannel.contains(channel)
                                ? "{\"ok\":false,\"error\":\"channel_not_found\"}"
                                : "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + params.get("ts")
                                        + "\",\"text\":\"x\"}";
                    case "views.publish" -> "{\"ok\":true,\"view\":{\"id\":\"V1\",\"type\":\"home\"}}";
                    case "users.info" ->
                        "{\"ok\":true,\"user\":{\"id\":\"" + params.get("user") + "\",\"is_admin\":"
                                + admins.contains(params.get("user")) + ",\"is_owner\":false}}";
                    case "conversations.history" -> history(channel);
                    case "users.conversations" ->
                        "{\"ok\":true,\"channels\":["
                                + memberships.getOrDefault(params.get("user"), Set.of()).stream()
                                        .map(id -> "{\"id\":\"" + id + "\"}")
                                        .collect(java.util.stream.Collectors.joining(","))
                                + "],\"response_metadata\":{\"next_cursor\":\"\"}}";
                    case "apps.connections.open" -> "{\"ok\":true,\"url\":\"" + socketModeUrl + "\"}";
                    default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
                };
        send(exchange, 200, answer);
    }

    private void respond(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        record(new Call(
                "respond",
                Map.of(),
                Optional.of(JsonParser.parseString(body).getAsJsonObject()),
                exchange.getRequestURI().getPath()));
        send(exchange, 200, "ok");
    }

    /** The messages posted to {@code channel}, newest first, with the metadata they were posted with. */
    private String history(String channel) {
        if (!historyScope) {
            return "{\"ok\":false,\"error\":\"missing_scope\"}";
        }
        JsonArray messages = new JsonArray();
        List<Call> posted = calls("chat.postMessage").stream()
                .filter(call -> channel.equals(call.params().get("channel")))
                .toList();
        for (int index = posted.size() - 1; index >= 0; index--) {
            JsonObject message = new JsonObject();
            message.addProperty("type", "message");
            message.addProperty("text", posted.get(index).params().getOrDefault("text", ""));
            String metadata = posted.get(index).params().get("metadata");
            if (metadata != null) {
                message.add("metadata", JsonParser.parseString(metadata));
            }
            messages.add(message);
        }
        JsonObject answer = new JsonObject();
        answer.addProperty("ok", true);
        answer.add("messages", messages);
        return answer.toString();
    }

    private String ts() {
        return "1700000000." + String.format("%06d", nextTs.getAndIncrement());
    }

    private synchronized void record(Call call) {
        calls.add(call);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
