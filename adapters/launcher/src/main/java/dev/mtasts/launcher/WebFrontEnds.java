package dev.mtasts.launcher;

import com.google.inject.Injector;
import dev.mtasts.adapter.web.DispatchedWebChecks;
import dev.mtasts.adapter.web.WebRoutes;
import dev.mtasts.core.CheckService;
import dev.mtasts.core.dispatch.CheckDispatcher;
import dev.mtasts.core.frontend.HttpRoute;
import dev.mtasts.core.history.HistoryStore;
import dev.mtasts.core.metrics.Metrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires the web front end's routes and {@code /metrics}: the page, its events and the API go through the shared
 * {@link CheckDispatcher} (the same queue, coalescing, cache and rate limits as chat, per client address), and
 * {@code /metrics} exports the process's one meter registry (bound with {@link
 * dev.mtasts.core.EngineModule#meters}), so the engine's, the dispatcher's, the scheduler's and every front end's
 * meters appear together.
 */
final class WebFrontEnds {
    private WebFrontEnds() {}

    /** How long a web request may wait for its report, queue and check together, before it is answered as busy. */
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(2);

    /** The process's one registry, exported as Prometheus text, with the JVM's memory, threads, CPU and uptime. */
    static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /** The web routes over the injector's dispatcher; {@code /metrics} when enabled and the registry is Prometheus. */
    static List<HttpRoute> routes(Injector injector, BotConfig.Http http) {
        Metrics metrics = injector.getInstance(Metrics.class);
        DispatchedWebChecks web =
                new DispatchedWebChecks(injector.getInstance(CheckDispatcher.class), metrics, LONGEST_WAIT);
        List<HttpRoute> routes = new ArrayList<>(
                new WebRoutes(web, injector.getInstance(CheckService.class), injector.getInstance(HistoryStore.class))
                        .routes());
        if (http.metrics() && metrics.registry() instanceof PrometheusMeterRegistry prometheus) {
            routes.add(HttpRoute.exact(
                    "/metrics",
                    call -> call.respond(
                            200,
                            "text/plain; version=0.0.4; charset=utf-8",
                            prometheus.scrape().getBytes(StandardCharsets.UTF_8))));
        }
        return List.copyOf(routes);
    }
}
