package dev.mtasts.adapter.slack;

import static java.util.Objects.requireNonNull;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.mtasts.core.frontend.HttpRoute;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /slack/events} in HTTP mode: slash commands, interactivity and events at one request URL. The route
 * ({@link #route}) makes the server refuse a body over {@link #MAX_BODY_BYTES} or a request without Slack's signature
 * headers before reading it; the raw body is then verified ({@link SlackRequestVerifier}) before anything else looks at
 * it, parsed with Bolt's {@link SlackRequestParser} and run through {@link App#run}; Bolt's response (the ack) is
 * written back as is.
 */
public final class SlackEventsHandler implements HttpRoute.Handler {
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

    /** The route for the bot's HTTP server, with the body cap and the signature headers it requires. */
    public HttpRoute route() {
        return new HttpRoute(
                PATH,
                false,
                MAX_BODY_BYTES,
                List.of(SlackRequestVerifier.TIMESTAMP_HEADER, SlackRequestVerifier.SIGNATURE_HEADER),
                this);
    }

    @Override
    public void handle(HttpRoute.Call call) throws IOException {
        try {
            if (!call.path().equals(PATH)) {
                send(call, 404, "{\"error\":\"not found\"}");
                return;
            }
            if (!call.method().equals("POST")) {
                call.responseHeader("Allow", "POST");
                send(call, 405, "{\"error\":\"method not allowed\"}");
                return;
            }
            byte[] body;
            try {
                body = call.body().readNBytes(MAX_BODY_BYTES + 1);
            } catch (HttpRoute.BodyTooLargeException e) {
                send(call, 413, "{\"error\":\"request too large\"}");
                return;
            }
            if (body.length > MAX_BODY_BYTES) {
                send(call, 413, "{\"error\":\"request too large\"}");
                return;
            }
            Optional<String> problem = verifier.problem(
                    call.header(SlackRequestVerifier.TIMESTAMP_HEADER),
                    call.header(SlackRequestVerifier.SIGNATURE_HEADER),
                    body);
            if (problem.isPresent()) {
                LOG.warn("refused a request to {} from {}: {}", PATH, call.remoteAddress(), problem.get());
                send(call, 401, "{\"error\":\"invalid request\"}");
                return;
            }
            Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(call.path())
                    .queryString(query(call.rawQuery()))
                    .requestBody(new String(body, StandardCharsets.UTF_8))
                    .headers(new RequestHeaders(new HashMap<>(call.headers())))
                    .remoteAddress(call.remoteAddress())
                    .build());
            if (request == null) {
                send(call, 400, "{\"error\":\"unsupported payload\"}");
                return;
            }
            Response response = app.run(request);
            write(call, response);
        } catch (Exception e) {
            LOG.error("failed to handle a Slack request", e);
            try {
                send(call, 500, "{\"error\":\"internal error\"}");
            } catch (IOException | RuntimeException ignored) {
                // The response was already started; nothing more to say.
            }
        }
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new HashMap<>();
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

    private static void write(HttpRoute.Call call, Response response) throws IOException {
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, values) -> {
                if (name != null
                        && !name.equalsIgnoreCase("Content-Length")
                        && !name.equalsIgnoreCase("Content-Type")
                        && values != null) {
                    values.forEach(value -> call.responseHeader(name, value));
                }
            });
        }
        String contentType = response.getContentType() == null ? "text/plain" : response.getContentType();
        int status = response.getStatusCode() == null ? 200 : response.getStatusCode();
        byte[] bytes =
                response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
        call.respond(status, contentType, bytes);
    }

    private static void send(HttpRoute.Call call, int status, String json) throws IOException {
        call.respond(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }
}
