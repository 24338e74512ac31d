package dev.mtasts.core.metrics;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.Report;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bot's meters, one place for every front end and the core to record into; exported by {@code /metrics}.
 * Tag values are bounded sets (statuses, check ids, platform names, lookup kinds), never user input.
 */
public final class Metrics {
    /** What a lookup reached. */
    public enum LookupKind {
        DNS,
        HTTPS,
        SMTP
    }

    private final MeterRegistry registry;
    private final AtomicInteger queueLength = new AtomicInteger();

    public Metrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
        registry.gauge("mtasts.queue.length", queueLength);
    }

    /** Meters kept in memory only (tests, the CLI). */
    public static Metrics inMemory() {
        return new Metrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A finished domain check: its status, and each check's status by check id. */
    public void checkFinished(Report report, String frontEnd) {
        Counter.builder("mtasts.checks")
                .description("Domain checks by overall status and front end")
                .tag("status", report.status().label())
                .tag("front_end", frontEnd)
                .register(registry)
                .increment();
        for (CheckReport check : report.checks()) {
            Counter.builder("mtasts.check.results")
                    .description("Individual check results by check id and status")
                    .tag("check", check.id())
                    .tag("status", check.status().label())
                    .register(registry)
                    .increment();
        }
    }

    public void lookup(LookupKind kind, Duration took) {
        Timer.builder("mtasts.lookup")
                .description("Outbound lookups by kind")
                .tag("kind", kind.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .record(took);
    }

    public void queueLength(int length) {
        queueLength.set(length);
    }

    public void queueWait(Duration waited) {
        Timer.builder("mtasts.queue.wait").register(registry).record(waited);
    }

    public void coalesced() {
        registry.counter("mtasts.checks.coalesced").increment();
    }

    /** A request refused by a rate limit; {@code scope} e.g. {@code requester}, {@code place}, {@code address}. */
    public void rateLimited(String frontEnd, String scope) {
        registry.counter("mtasts.rate_limit.hits", "front_end", frontEnd, "scope", scope)
                .increment();
    }

    /** An event a chat adapter received (command, button, message). */
    public void adapterEvent(String frontEnd, String kind) {
        registry.counter("mtasts.adapter.events", "front_end", frontEnd, "kind", kind)
                .increment();
    }

    /** How late the subscription scheduler started a due check. */
    public void schedulerLag(Duration lag) {
        Timer.builder("mtasts.scheduler.lag").register(registry).record(lag);
    }

    public void notification(String platform, boolean sent) {
        registry.counter("mtasts.notifications", "platform", platform, "outcome", sent ? "sent" : "failed")
                .increment();
    }
}
