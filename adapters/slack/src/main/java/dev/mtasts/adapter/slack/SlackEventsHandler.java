package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events} in HTTP mode: slash commands, interactivity and events at one request URL. The raw body
 * is verified ({@link SlackRequestVerifier}) before anything else looks at it, then parsed with Bolt's
 * {@link SlackRequestParser} and run through {@link App#run}; Bolt's response (the ack) is written back as is.
 */
public final class SlackEventsHandler implements HttpHandler {
    public static final String PATH = "/slack/events";

    /** Slack's payloads are a few kilobytes; a block action carrying its message can reach some tens. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(SlackEventsHandler.class);

    private final App app;
    private final SlackRequestVerifier verifier;
    private final SlackRequestParser parser;

    public SlackEventsHandler(App app, SlackRequestVerifier verifier) {
        this.app = requireNonNull(app, "app is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.parser = new SlackRequestParser(app.config());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                send(exchange, 404, "{\"error\":\"not found\"}");
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                send(exchange, 405, "{\"error\":\"method not allowed\"}");
                return;
            }
            Optional<byte[]> body = readBody(exchange.getRequestBody());
            if (body.isEmpty()) {
                send(exchange, 413, "{\"error\":\"request too large\"}");
                return;
            }
            Optional<String> problem = verifier.problem(
                    header(exchange, SlackRequestVerifier.TIMESTAMP_HEADER),
                    header(exchange, SlackRequestVerifier.SIGNATURE_HEADER),
                    body.get());
            if (problem.isPresent()) {
                LOG.warn("refused a request to {} from {}: {}", PATH, exchange.getRemoteAddress(), problem.get());
                send(exchange, 401, "{\"error\":\"invalid request\"}");
                return;
            }
            Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(exchange.getRequestURI().getPath())
                    .queryString(query(exchange.getRequestURI()))
                    .requestBody(new String(body.get(), StandardCharsets.UTF_8))
                    .headers(new RequestHeaders(new HashMap<>(exchange.getRequestHeaders())))
                    .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress())
                    .build());
            if (request == null) {
                send(exchange, 400, "{\"error\":\"unsupported payload\"}");
                return;
            }
            Response response = app.run(request);
            write(exchange, response);
        } catch (Exception e) {
            LOG.error("failed to handle a Slack request", e);
            try {
                send(exchange, 500, "{\"error\":\"internal error\"}");
            } catch (IOException | RuntimeException ignored) {
                // The response was already started; nothing more to say.
            }
        }
    }

    private static Optional<String> header(HttpExchange exchange, String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    private static Optional<byte[]> readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        return bytes.length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(bytes);
    }

    private static Map<String, List<String>> query(URI uri) {
        Map<String, List<String>> query = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key =
                    java.net.URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value =
                    equals < 0 ? "" : java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(key, ignored -> new java.util.ArrayList<>()).add(value);
        }
        return query;
    }

    private static void write(HttpExchange exchange, Response response) throws IOException {
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, values) -> {
                if (name != null && !name.equalsIgnoreCase("Content-Length")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
        }
        if (response.getContentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.getContentType());
        }
        int status = response.getStatusCode() == null ? 200 : response.getStatusCode();
        byte[] bytes =
                response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
