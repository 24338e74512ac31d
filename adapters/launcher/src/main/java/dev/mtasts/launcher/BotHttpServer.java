package dev.mtasts.launcher;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.frontend.FrontEnd;
import dev.mtasts.core.frontend.HttpRoute;
import dev.mtasts.core.net.CappedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's HTTP server (Jetty 12, a virtual thread per request): {@code /healthz} plus the routes front ends
 * contribute. Hardened against slow and greedy peers: a cap on open connections, a deadline for the first request
 * head, an idle timeout for every read (headers and bodies), a cap on the request head, and each route's body limit
 * and required headers checked before a body byte is read.
 */
final class BotHttpServer {
    private static final Logger LOG = LoggerFactory.getLogger(BotHttpServer.class);
    /** How long requests in flight may take to finish when the server stops. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorScheduler deadlines;

    BotHttpServer(BotConfig.Http config, List<HttpRoute> routes, List<FrontEnd> frontEnds) {
        this(config, routes, frontEnds, () -> true);
    }

    /**
     * @param storeReachable whether the history store answers right now, for {@code /readyz}
     */
    BotHttpServer(
            BotConfig.Http config, List<HttpRoute> routes, List<FrontEnd> frontEnds, BooleanSupplier storeReachable) {
        requireNonNull(config, "config is null");
        List<HttpRoute> all = new ArrayList<>();
        all.add(HttpRoute.exact("/healthz", call -> health(call, frontEnds)));
        all.add(HttpRoute.exact("/readyz", call -> ready(call, frontEnds, storeReachable)));
        all.addAll(routes);
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("mtasts-http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(config.maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.bindAddress());
        connector.setPort(config.port());
        connector.setIdleTimeout(TimeUnit.SECONDS.toMillis(config.idleTimeoutSeconds()));
        connector.setAcceptQueueSize(128);
        deadlines = new ScheduledExecutorScheduler("mtasts-http-deadlines", true);
        connector.addBean(new HeadDeadline(deadlines, Duration.ofSeconds(config.headerTimeoutSeconds())));
        server.addConnector(connector);
        server.addBean(deadlines);
        server.addBean(new NetworkConnectionLimit(config.maxConnections(), connector));
        // On stop, new requests get 503 while those in flight (a check's answer, a report being received) finish.
        server.setHandler(new GracefulHandler(new Routes(all)));
        server.setStopTimeout(STOP_GRACE.toMillis());
    }

    void start() throws Exception {
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("the HTTP server did not stop cleanly", e);
        }
    }

    private static void health(HttpRoute.Call call, List<FrontEnd> frontEnds) throws IOException {
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
        call.respond(healthy ? 200 : 503, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Ready: every configured front end connected and the history store reachable. */
    private static void ready(HttpRoute.Call call, List<FrontEnd> frontEnds, BooleanSupplier storeReachable)
            throws IOException {
        boolean store;
        try {
            store = storeReachable.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("readiness: the history store is not reachable", e);
            store = false;
        }
        List<String> down = frontEnds.stream()
                .filter(frontEnd -> !frontEnd.healthy())
                .map(FrontEnd::name)
                .toList();
        boolean ready = store && down.isEmpty();
        String body = "{\"ready\":" + ready + ",\"store\":\"" + (store ? "up" : "down") + "\",\"down\":["
                + String.join(",", down.stream().map(name -> "\"" + name + "\"").toList()) + "]}";
        call.respond(ready ? 200 : 503, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Closes a connection that has not delivered a complete request head within the deadline: the idle timeout alone
     * does not stop a peer that drips one byte a second.
     */
    private static final class HeadDeadline implements Connection.Listener {
        private final ScheduledExecutorScheduler scheduler;
        private final Duration deadline;

        HeadDeadline(ScheduledExecutorScheduler scheduler, Duration deadline) {
            this.scheduler = scheduler;
            this.deadline = deadline;
        }

        @Override
        public void onOpened(Connection connection) {
            scheduler.schedule(
                    () -> {
                        if (connection.getMessagesIn() <= 0
                                && connection.getEndPoint().isOpen()) {
                            connection.getEndPoint().close();
                        }
                    },
                    deadline.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Dispatches to the first matching route, enforcing its header and body limits first. */
    private static final class Routes extends Handler.Abstract {
        private final List<HttpRoute> routes;

        Routes(List<HttpRoute> routes) {
            this.routes = List.copyOf(routes);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            Optional<HttpRoute> route =
                    routes.stream().filter(candidate -> candidate.matches(path)).findFirst();
            try {
                if (route.isEmpty()) {
                    plain(response, 404, "not found");
                } else if (route.get().requiredHeaders().stream()
                        .anyMatch(name -> request.getHeaders().get(name) == null)) {
                    plain(response, 401, "missing required headers");
                } else if (request.getLength() > route.get().maxBodyBytes()) {
                    response.getHeaders().put(HttpHeader.CONNECTION, "close");
                    plain(response, 413, "request too large");
                } else {
                    JettyCall call =
                            new JettyCall(request, response, route.get().maxBodyBytes());
                    route.get().handler().handle(call);
                    call.finish();
                }
                callback.succeeded();
            } catch (Throwable e) {
                LOG.debug("request to {} failed", path, e);
                callback.failed(e);
            }
            return true;
        }

        private static void plain(Response response, int status, String message) throws IOException {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.write((message + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** One Jetty exchange seen through the server-neutral {@link HttpRoute.Call}. */
    private static final class JettyCall implements HttpRoute.Call {
        private final Request request;
        private final Response response;
        private final long maxBodyBytes;
        private @Nullable Fields query;
        private @Nullable OutputStream open;

        JettyCall(Request request, Response response, long maxBodyBytes) {
            this.request = request;
            this.response = response;
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String path() {
            return Request.getPathInContext(request);
        }

        @Override
        public String rawQuery() {
            String raw = request.getHttpURI().getQuery();
            return raw == null ? "" : raw;
        }

        @Override
        public Optional<String> queryParameter(String name) {
            if (query == null) {
                query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
            }
            return Optional.ofNullable(query.getValue(name));
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.ofNullable(request.getHeaders().get(name));
        }

        @Override
        public Map<String, List<String>> headers() {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (HttpField field : request.getHeaders()) {
                headers.computeIfAbsent(field.getName(), ignored -> new ArrayList<>())
                        .add(field.getValue());
            }
            return headers;
        }

        @Override
        public String remoteAddress() {
            return request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress address
                    ? address.getAddress().getHostAddress()
                    : "unknown";
        }

        @Override
        public InputStream body() {
            return new CappedInputStream(
                    Content.Source.asInputStream(request), maxBodyBytes, HttpRoute.BodyTooLargeException::new);
        }

        @Override
        public void responseHeader(String name, String value) {
            response.getHeaders().add(name, value);
        }

        @Override
        public void respond(int status, String contentType, byte[] body) throws IOException {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.write(body);
            }
        }

        @Override
        public OutputStream stream(int status, String contentType) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            open = Content.Sink.asOutputStream(response);
            return open;
        }

        void finish() throws IOException {
            if (open != null) {
                open.close();
            } else if (!response.isCommitted() && response.getStatus() == 200 && !wrote()) {
                respond(204, "text/plain", new byte[0]);
            }
        }

        private boolean wrote() {
            return response.isCommitted();
        }
    }
}
