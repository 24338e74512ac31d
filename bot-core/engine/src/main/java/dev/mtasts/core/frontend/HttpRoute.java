package dev.mtasts.core.frontend;

import com.sun.net.httpserver.HttpHandler;

/**
 * A path the bot's HTTP server serves besides {@code /healthz}, contributed by a front end through a Guice
 * {@code Multibinder<HttpRoute>} (e.g. Slack's {@code /slack/events}).
 */
public record HttpRoute(String path, HttpHandler handler) {
    public HttpRoute {
        java.util.Objects.requireNonNull(path, "path is null");
        java.util.Objects.requireNonNull(handler, "handler is null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/': " + path);
        }
    }
}
