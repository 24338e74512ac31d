package dev.mtasts.adapter.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mtasts.core.frontend.HttpRoute;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Serves an {@link HttpRoute} from the JDK's test HTTP server, so the Slack tests need no production server. */
final class JdkHttpCall implements HttpRoute.Call {
    private final HttpExchange exchange;

    private JdkHttpCall(HttpExchange exchange) {
        this.exchange = exchange;
    }

    static HttpHandler handler(HttpRoute route) {
        return exchange -> {
            try (exchange) {
                route.handler().handle(new JdkHttpCall(exchange));
            }
        };
    }

    @Override
    public String method() {
        return exchange.getRequestMethod();
    }

    @Override
    public String path() {
        return exchange.getRequestURI().getPath();
    }

    @Override
    public String rawQuery() {
        String raw = exchange.getRequestURI().getRawQuery();
        return raw == null ? "" : raw;
    }

    @Override
    public Optional<String> queryParameter(String name) {
        for (String pair : rawQuery().split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return Optional.of(
                        equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> header(String name) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst(name));
    }

    @Override
    public Map<String, List<String>> headers() {
        return exchange.getRequestHeaders();
    }

    @Override
    public String remoteAddress() {
        return exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    @Override
    public InputStream body() {
        return exchange.getRequestBody();
    }

    @Override
    public void responseHeader(String name, String value) {
        exchange.getResponseHeaders().add(name, value);
    }

    @Override
    public void respond(int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public OutputStream stream(int status, String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, 0);
        return exchange.getResponseBody();
    }
}
