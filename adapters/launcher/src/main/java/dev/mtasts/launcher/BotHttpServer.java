package dev.mtasts.launcher;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mtasts.core.frontend.FrontEnd;
import dev.mtasts.core.frontend.HttpRoute;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;

/** The bot's HTTP server: {@code /healthz} plus the routes front ends contribute. Virtual thread per request. */
final class BotHttpServer {
    private final HttpServer server;

    BotHttpServer(BotConfig.Http config, List<HttpRoute> routes, List<FrontEnd> frontEnds) throws IOException {
        requireNonNull(config, "config is null");
        server = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/healthz", exchange -> health(exchange, frontEnds));
        for (HttpRoute route : routes) {
            server.createContext(route.path(), route.handler());
        }
    }

    void start() {
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(1);
    }

    private static void health(HttpExchange exchange, List<FrontEnd> frontEnds) throws IOException {
        StringBuilder body = new StringBuilder("{\"status\":");
        boolean healthy = frontEnds.stream().allMatch(FrontEnd::healthy);
        body.append(healthy ? "\"ok\"" : "\"degraded\"").append(",\"frontEnds\":{");
        for (int index = 0; index < frontEnds.size(); index++) {
            FrontEnd frontEnd = frontEnds.get(index);
            if (index > 0) {
                body.append(',');
            }
            body.append('"').append(frontEnd.name()).append("\":").append(frontEnd.healthy() ? "\"up\"" : "\"down\"");
        }
        body.append("}}");
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(healthy ? 200 : 503, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
