package dev.mtasts.adapter.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mtasts.core.CheckService;
import dev.mtasts.core.Report;
import dev.mtasts.core.ReportJson;
import dev.mtasts.core.ReportText;
import dev.mtasts.core.frontend.HttpRoute;
import dev.mtasts.core.history.HistoryStore;
import dev.mtasts.core.history.StoredReport;
import dev.mtasts.core.history.Timeline;
import dev.mtasts.core.history.TimelineJson;
import dev.mtasts.core.history.TimelineText;
import dev.mtasts.core.input.DomainInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The web front end's routes: the page ({@code /}, plain POST without JavaScript, live progress over server-sent
 * events at {@code /events}), the permalink {@code /report/{domain}}, the badge {@code /badge/{domain}.svg}, the JSON
 * API under {@code /api/v1/}, and the static script. Every page is escaped and sent with a strict CSP.
 */
public final class WebRoutes {
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
            + " img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_FORM_BYTES = 4096;
    private static final DateTimeFormatter CHECKED_AT = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final WebChecks checks;
    private final CheckService history;
    private final HistoryStore reports;

    /** Routes whose permalinks show the timeline only (no store of full reports). */
    public WebRoutes(WebChecks checks, CheckService history) {
        this(checks, history, HistoryStore.none());
    }

    /**
     * @param reports where each domain's latest full report is kept ({@link HistoryStore#latestReport}); the
     *     permalink shows it without running a check
     */
    public WebRoutes(WebChecks checks, CheckService history, HistoryStore reports) {
        this.checks = requireNonNull(checks, "checks is null");
        this.history = requireNonNull(history, "history is null");
        this.reports = requireNonNull(reports, "reports is null");
    }

    public List<HttpRoute> routes() {
        return List.of(
                new HttpRoute("/", false, MAX_FORM_BYTES, List.of(), this::home),
                HttpRoute.exact("/events", this::events),
                HttpRoute.exact("/static/app.js", call -> resource(call, "app.js", "text/javascript; charset=utf-8")),
                HttpRoute.exact("/static/app.css", call -> resource(call, "app.css", "text/css; charset=utf-8")),
                new HttpRoute("/report/", true, 0, List.of(), this::permalink),
                new HttpRoute("/badge/", true, 0, List.of(), this::badge),
                HttpRoute.exact("/api/v1/check", this::apiCheck),
                HttpRoute.exact("/api/v1/history", this::apiHistory),
                HttpRoute.exact(
                        "/api/v1/openapi.json",
                        call -> resource(call, "openapi.json", "application/json; charset=utf-8")));
    }

    private void home(HttpRoute.Call call) throws IOException {
        switch (call.method()) {
            case "GET", "HEAD" -> page(call, 200, "MTA-STS check", form("") + "<div id=\"live\"></div>");
            case "POST" -> {
                String body = new String(call.body().readNBytes(MAX_FORM_BYTES), StandardCharsets.UTF_8);
                String domain = formField(body, "domain").orElse("");
                AtomicReference<String> html = new AtomicReference<>();
                AtomicReference<Integer> status = new AtomicReference<>(200);
                checks.submit(domain, call.remoteAddress(), false, event -> {
                    switch (event) {
                        case WebChecks.Event.Queued queued -> {}
                        case WebChecks.Event.Progress progress -> {}
                        case WebChecks.Event.Finished finished -> html.set(reportHtml(finished.report()));
                        case WebChecks.Event.Limited limited -> {
                            status.set(429);
                            html.set(message("Too many checks from your address; try again in "
                                    + retryAfter(call, limited) + " s."));
                        }
                        case WebChecks.Event.Busy busy -> {
                            status.set(503);
                            html.set(message("The bot is busy; try again in a minute."));
                        }
                        case WebChecks.Event.Invalid invalid -> {
                            status.set(400);
                            html.set(message(invalid.message()));
                        }
                    }
                });
                page(
                        call,
                        requireNonNull(status.get(), "status is null"),
                        "MTA-STS check",
                        form(domain) + "<div id=\"live\">" + html.get() + "</div>");
            }
            default -> notAllowed(call);
        }
    }

    private void events(HttpRoute.Call call) throws IOException {
        String domain = call.queryParameter("domain").orElse("");
        securityHeaders(call);
        call.responseHeader("Cache-Control", "no-store");
        OutputStream out = call.stream(200, "text/event-stream; charset=utf-8");
        checks.submit(domain, call.remoteAddress(), false, event -> {
            ObjectNode node = JSON.createObjectNode();
            switch (event) {
                case WebChecks.Event.Queued queued -> node.put("type", "queued").put("ahead", queued.ahead());
                case WebChecks.Event.Progress progress ->
                    node.put("type", "progress")
                            .put("title", progress.title())
                            .put("status", progress.status().label())
                            .put("done", progress.done())
                            .put("total", progress.total());
                case WebChecks.Event.Finished finished ->
                    node.put("type", "finished")
                            .put("status", finished.report().status().label())
                            .put("text", new ReportText(false).render(finished.report()))
                            .put("permalink", "/report/" + finished.report().domain());
                case WebChecks.Event.Limited limited ->
                    node.put("type", "error")
                            .put(
                                    "message",
                                    "Too many checks from your address; try again in "
                                            + (limited.retryAfter().toSeconds() + 1) + " s.");
                case WebChecks.Event.Busy busy ->
                    node.put("type", "error").put("message", "The bot is busy; try again in a minute.");
                case WebChecks.Event.Invalid invalid ->
                    node.put("type", "error").put("message", invalid.message());
            }
            try {
                out.write(("data: " + JSON.writeValueAsString(node) + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * The permalink: the latest stored report in full (the chat wording: findings, remediations, fix times, the sender
     * view), the badge and the timeline. A GET never runs a check; with nothing stored it offers the check form.
     */
    private void permalink(HttpRoute.Call call) throws IOException {
        Optional<DomainInput.Valid> domain = domain(call, call.path().substring("/report/".length()));
        if (domain.isEmpty()) {
            return;
        }
        String name = domain.get().domain();
        Timeline timeline = history.timeline(domain.get());
        Optional<StoredReport> latest = reports.latestReport(name);
        StringBuilder body = new StringBuilder()
                .append("<h1>MTA-STS report for ")
                .append(Html.escape(name))
                .append("</h1><p><img alt=\"status badge\" src=\"/badge/")
                .append(Html.escape(name))
                .append(".svg\"></p>");
        if (latest.isPresent()) {
            body.append("<p class=\"meta\">Latest check: <time datetime=\"")
                    .append(Html.escape(latest.get().checkedAt().toString()))
                    .append("\">")
                    .append(Html.escape(CHECKED_AT.format(latest.get().checkedAt())))
                    .append("</time></p><pre class=\"report status-")
                    .append(Html.escape(latest.get().status()))
                    .append("\" id=\"latest\">")
                    .append(Html.escape(latest.get().text()))
                    .append("</pre>")
                    .append(form(name));
        } else {
            body.append(message("No check of " + name + " is stored yet. Check it now:"))
                    .append(form(name));
        }
        body.append("<h2>History</h2><pre class=\"report\" id=\"timeline\">")
                .append(Html.escape(TimelineText.render(timeline)))
                .append("</pre>");
        page(call, 200, "MTA-STS: " + name, body.toString());
    }

    private void badge(HttpRoute.Call call) throws IOException {
        String rest = call.path().substring("/badge/".length());
        if (!rest.endsWith(".svg")) {
            plain(call, 404, "not found");
            return;
        }
        Optional<DomainInput.Valid> domain = domain(call, rest.substring(0, rest.length() - ".svg".length()));
        if (domain.isEmpty()) {
            return;
        }
        Timeline timeline = history.timeline(domain.get());
        String status = timeline.entries().isEmpty()
                ? "unknown"
                : switch (timeline.entries().getLast().state().status()) {
                    case PASS, INFO -> "pass";
                    case WARN -> "warn";
                    case FAIL -> "fail";
                };
        call.responseHeader("Cache-Control", "public, max-age=300");
        call.responseHeader("X-Content-Type-Options", "nosniff");
        call.responseHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        call.respond(200, "image/svg+xml; charset=utf-8", Badge.svg(status).getBytes(StandardCharsets.UTF_8));
    }

    private void apiCheck(HttpRoute.Call call) throws IOException {
        String input = call.queryParameter("domain").orElse("");
        AtomicReference<Integer> status = new AtomicReference<>(500);
        AtomicReference<String> json = new AtomicReference<>();
        checks.submit(input, call.remoteAddress(), false, event -> {
            switch (event) {
                case WebChecks.Event.Queued queued -> {}
                case WebChecks.Event.Progress progress -> {}
                case WebChecks.Event.Finished finished -> {
                    status.set(200);
                    json.set(ReportJson.toPrettyString(finished.report()));
                }
                case WebChecks.Event.Limited limited -> {
                    status.set(429);
                    retryAfter(call, limited);
                    json.set(error("rate limited"));
                }
                case WebChecks.Event.Busy busy -> {
                    status.set(503);
                    json.set(error("busy"));
                }
                case WebChecks.Event.Invalid invalid -> {
                    status.set(400);
                    json.set(error(invalid.message()));
                }
            }
        });
        call.responseHeader("X-Content-Type-Options", "nosniff");
        String answer = json.get();
        call.respond(
                requireNonNull(status.get(), "status is null"),
                "application/json; charset=utf-8",
                (answer == null ? error("no answer") : answer).getBytes(StandardCharsets.UTF_8));
    }

    /** Sets the Retry-After header of a rate-limited check (its wait in whole seconds, plus one); returns the seconds. */
    private static long retryAfter(HttpRoute.Call call, WebChecks.Event.Limited limited) {
        long seconds = limited.retryAfter().toSeconds() + 1;
        call.responseHeader("Retry-After", Long.toString(seconds));
        return seconds;
    }

    private void apiHistory(HttpRoute.Call call) throws IOException {
        DomainInput.Result parsed =
                DomainInput.parse(call.queryParameter("domain").orElse(""));
        call.responseHeader("X-Content-Type-Options", "nosniff");
        switch (parsed) {
            case DomainInput.Invalid invalid ->
                call.respond(
                        400,
                        "application/json; charset=utf-8",
                        error(invalid.reason()).getBytes(StandardCharsets.UTF_8));
            case DomainInput.Valid valid ->
                call.respond(
                        200,
                        "application/json; charset=utf-8",
                        TimelineJson.toPrettyString(history.timeline(valid)).getBytes(StandardCharsets.UTF_8));
        }
    }

    private Optional<DomainInput.Valid> domain(HttpRoute.Call call, String raw) throws IOException {
        return switch (DomainInput.parse(raw)) {
            case DomainInput.Valid valid -> Optional.of(valid);
            case DomainInput.Invalid invalid -> {
                page(call, 400, "Not a domain", message(invalid.reason()));
                yield Optional.empty();
            }
        };
    }

    private static String reportHtml(Report report) {
        return "<pre class=\"report status-" + report.status().label() + "\">"
                + Html.escape(new ReportText(false).render(report)) + "</pre><p><a href=\"/report/"
                + Html.escape(report.domain()) + "\">Permalink and history</a></p>";
    }

    private static String form(String value) {
        return "<form method=\"post\" action=\"/\" id=\"check\"><label for=\"domain\">Type your domain; a URL or an"
                + " e-mail address is fine</label> <input id=\"domain\" name=\"domain\" required maxlength=\"300\""
                + " value=\"" + Html.escape(value) + "\"> <button type=\"submit\">Check</button></form>";
    }

    private static String message(String text) {
        return "<p class=\"message\">" + Html.escape(text) + "</p>";
    }

    private static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }

    static void securityHeaders(HttpRoute.Call call) {
        call.responseHeader("Content-Security-Policy", CSP);
        call.responseHeader("X-Content-Type-Options", "nosniff");
        call.responseHeader("X-Frame-Options", "DENY");
        call.responseHeader("Referrer-Policy", "no-referrer");
    }

    private static void page(HttpRoute.Call call, int status, String title, String body) throws IOException {
        securityHeaders(call);
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title><meta name=\"viewport\" content=\"width=device-width\">"
                + "<link rel=\"stylesheet\" href=\"/static/app.css\"><script src=\"/static/app.js\" defer></script>"
                + "</head><body><main>" + body + "</main></body></html>";
        call.respond(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    private static void plain(HttpRoute.Call call, int status, String text) throws IOException {
        call.responseHeader("X-Content-Type-Options", "nosniff");
        call.respond(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static void notAllowed(HttpRoute.Call call) throws IOException {
        call.responseHeader("Allow", "GET, POST");
        plain(call, 405, "method not allowed");
    }

    private static void resource(HttpRoute.Call call, String name, String type) throws IOException {
        try (InputStream in = WebRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                plain(call, 404, "not found");
                return;
            }
            call.responseHeader("X-Content-Type-Options", "nosniff");
            call.responseHeader("Cache-Control", "public, max-age=3600");
            call.respond(200, type, in.readAllBytes());
        }
    }

    static Optional<String> formField(String body, String name) {
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0
                    && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8)
                            .equals(name)) {
                try {
                    return Optional.of(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
