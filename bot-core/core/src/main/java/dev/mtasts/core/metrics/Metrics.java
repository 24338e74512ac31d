package dev.mtasts.core.metrics;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.Report;
import dev.mtasts.spi.LookupResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The bot's meters, one place for every front end and the core to record into; {@code serve} binds one registry for
 * the whole process and exports it at {@code /metrics}. Each instrumentation point is one call here. Tag values are
 * bounded sets (statuses, check ids, platform names, lookup kinds, outcomes), never user input.
 *
 * <p>This is a stateless view of a {@link MeterRegistry}: any number of instances over one registry record into the
 * same meters.
 */
public final class Metrics {
    /** What a lookup reached. */
    public enum LookupKind {
        DNS,
        HTTPS,
        SMTP
    }

    /** How the dispatcher answered a request without running a check of its own. */
    public enum Shared {
        /** A fresh report from the result cache. */
        CACHED,
        /** Joined a check of the same domain that was already queued or running. */
        JOINED
    }

    private final MeterRegistry registry;

    public Metrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    /** Meters kept in memory only, seen by nobody (tests, one-shot commands). */
    public static Metrics inMemory() {
        return new Metrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A finished domain check (any front end, the CLI, the scheduler): its status, and each check's by check id. */
    public void checkFinished(Report report) {
        count(
                "mtasts.checks",
                "Domain checks run, by overall status",
                "status",
                report.status().label());
        for (CheckReport check : report.checks()) {
            count(
                    "mtasts.check.results",
                    "Individual check results, by check id and status",
                    "check",
                    check.id(),
                    "status",
                    check.status().label());
        }
    }

    /** Times a blocking lookup; its outcome tag comes from the {@link LookupResult} (or {@code error}). */
    public <T> LookupResult<T> timed(LookupKind kind, Supplier<LookupResult<T>> lookup) {
        long started = System.nanoTime();
        String outcome = "error";
        try {
            LookupResult<T> result = lookup.get();
            outcome = outcome(result);
            return result;
        } finally {
            lookupTimer(kind, outcome).record(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Times an asynchronous lookup from now until its future completes. */
    public <R extends LookupResult<?>> CompletableFuture<R> timedAsync(
            LookupKind kind, Supplier<CompletableFuture<R>> lookup) {
        long started = System.nanoTime();
        CompletableFuture<R> future;
        try {
            future = lookup.get();
        } catch (RuntimeException e) {
            lookupTimer(kind, "error").record(Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
        future.whenComplete((result, error) -> lookupTimer(kind, result == null ? "error" : outcome(result))
                .record(Duration.ofNanos(System.nanoTime() - started)));
        return future;
    }

    /** One more in counter {@code name}; {@code tags} are tag names and values, alternating. */
    private void count(String name, String description, String... tags) {
        Counter.builder(name)
                .description(description)
                .tags(tags)
                .register(registry)
                .increment();
    }

    private Timer lookupTimer(LookupKind kind, String outcome) {
        return Timer.builder("mtasts.lookup")
                .description("Outbound lookups (DNS queries, HTTPS policy fetches, SMTP probes) by kind and outcome")
                .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome)
                .register(registry);
    }

    private static String outcome(LookupResult<?> result) {
        return switch (result) {
            case LookupResult.Found<?> found -> "found";
            case LookupResult.NotFound<?> notFound -> "not_found";
            case LookupResult.Failed<?> failed -> failureOutcome(failed.kind());
        };
    }

    /** Timeouts and refusals apart, every other failure is {@code failed} (new kinds need no change here). */
    private static String failureOutcome(LookupResult.FailureKind kind) {
        if (kind == LookupResult.FailureKind.TIMEOUT || kind == LookupResult.FailureKind.DEADLINE) {
            return "timeout";
        }
        return kind == LookupResult.FailureKind.ADDRESS_REFUSED ? "refused" : "failed";
    }

    /** Publishes the dispatcher's queue length (requests waiting for a worker), read when scraped. */
    public void queueLength(IntSupplier waiting) {
        Gauge.builder("mtasts.dispatch.queue.length", waiting::getAsInt)
                .description("Check requests waiting for a worker")
                .strongReference(true)
                .register(registry);
    }

    /** How long a check waited in the dispatcher's queue before a worker took it (zero when one was free). */
    public void queueWait(Duration waited) {
        Timer.builder("mtasts.dispatch.queue.wait")
                .description("Time a check waited in the queue before it started")
                .register(registry)
                .record(waited);
    }

    /** A request answered without a check of its own: from the result cache, or by joining a running check. */
    public void shared(Shared how) {
        count(
                "mtasts.dispatch.shared",
                "Requests answered from the result cache or by joining a check already queued or running",
                "how",
                how.name().toLowerCase(Locale.ROOT));
    }

    /** A request refused by a rate limit; {@code scope} is {@code requester}, {@code place} or {@code cooldown}. */
    public void rateLimited(String frontEnd, String scope) {
        count(
                "mtasts.rate_limit.hits",
                "Requests refused by a rate limit, by front end and limit",
                "front_end",
                frontEnd,
                "scope",
                scope);
    }

    /** A request refused because the queue was full or mtasts was stopping. */
    public void busy(String frontEnd, boolean stopping) {
        count(
                "mtasts.dispatch.refused",
                "Requests refused because the queue was full or mtasts was stopping",
                "front_end",
                frontEnd,
                "reason",
                stopping ? "stopping" : "queue_full");
    }

    /** An event a front end received (a command, a button, a page request) by platform and kind. */
    public void adapterEvent(String platform, String kind) {
        count(
                "mtasts.adapter.events",
                "Events received by each front end, by platform and kind",
                "platform",
                platform,
                "kind",
                kind);
    }

    /** How late a subscription scheduler pass started compared with its poll interval. */
    public void schedulerLag(Duration lag) {
        Timer.builder("mtasts.scheduler.lag")
                .description("How late each subscription scheduler pass started")
                .register(registry)
                .record(lag.isNegative() ? Duration.ZERO : lag);
    }

    /** One delivery attempt of a subscription notification. */
    public void notification(String platform, boolean sent) {
        count(
                "mtasts.notifications",
                "Subscription notifications by platform and outcome",
                "platform",
                platform,
                "outcome",
                sent ? "sent" : "failed");
    }
}
