package dev.mtasts.launcher;

import dev.mtasts.adapter.web.DirectWebChecks;
import dev.mtasts.adapter.web.WebRoutes;
import dev.mtasts.core.CheckService;
import dev.mtasts.core.frontend.HttpRoute;
import dev.mtasts.core.metrics.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires the web front end's routes and {@code /metrics}; the one place to swap {@link DirectWebChecks} for the
 * shared dispatcher.
 */
final class WebFrontEnds {
    private WebFrontEnds() {}

    static List<HttpRoute> routes(CheckService checks, BotConfig.Http http) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Metrics metrics = new Metrics(registry);
        DirectWebChecks web = new DirectWebChecks(
                checks,
                metrics,
                Clock.systemUTC(),
                http.webBurst(),
                Duration.ofSeconds(http.webRefillSeconds()),
                http.webMaxInFlight());
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
