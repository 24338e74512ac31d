package dev.mtasts.launcher;

import dev.mtasts.adapter.web.DirectWebChecks;
import dev.mtasts.adapter.web.WebRoutes;
import dev.mtasts.core.CheckService;
import dev.mtasts.core.frontend.HttpRoute;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Wires the web front end's routes; the one place to swap {@link DirectWebChecks} for the shared dispatcher. */
final class WebFrontEnds {
    private WebFrontEnds() {}

    static List<HttpRoute> routes(CheckService checks, BotConfig.Http http) {
        DirectWebChecks web = new DirectWebChecks(
                checks,
                Clock.systemUTC(),
                http.webBurst(),
                Duration.ofSeconds(http.webRefillSeconds()),
                http.webMaxInFlight());
        return new WebRoutes(web, checks).routes();
    }
}
