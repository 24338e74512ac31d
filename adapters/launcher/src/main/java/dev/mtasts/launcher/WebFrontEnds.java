package dev.mtasts.launcher;

import dev.mtasts.adapter.web.DispatchedWebChecks;
import dev.mtasts.adapter.web.WebRoutes;
import dev.mtasts.core.CheckService;
import dev.mtasts.core.dispatch.CheckDispatcher;
import dev.mtasts.core.frontend.HttpRoute;
import dev.mtasts.core.metrics.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires the web front end's routes and {@code /metrics}: the page, its events and the API go through the shared
 * {@link CheckDispatcher} (the same queue, coalescing, cache and rate limits as chat, per client address).
 */
final class WebFrontEnds {
    private WebFrontEnds() {}

    /** How long a web request may wait for its report, queue and check together, before it is answered as busy. */
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(2);

    static List<HttpRoute> routes(CheckDispatcher dispatcher, CheckService checks, BotConfig.Http http) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Metrics metrics = new Metrics(registry);
        DispatchedWebChecks web = new DispatchedWebChecks(dispatcher, metrics, LONGEST_WAIT);
        List<HttpRoute> routes = new ArrayList<>(new WebRoutes(web, checks).routes());
        if (http.metrics()) {
            routes.add(HttpRoute.exact(
                    "/metrics",
                    call -> call.respond(
                            200,
                            "text/plain; version=0.0.4; charset=utf-8",
                            registry.scrape().getBytes(StandardCharsets.UTF_8))));
        }
        return List.copyOf(routes);
    }
}
