package dev.mtasts.adapter.web;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.CheckService;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary {@link WebChecks}: runs the engine directly with a token bucket per client address and a cap on checks in
 * flight. To be replaced by the shared dispatcher (queue, coalescing, result cache, per-requester limits).
 */
public final class DirectWebChecks implements WebChecks {
    private static final Logger LOG = LoggerFactory.getLogger(DirectWebChecks.class);

    private final CheckService checks;
    private final Metrics metrics;
    private final Clock clock;
    private final int burst;
    private final Duration refill;
    private final Semaphore inFlight;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param burst checks a client may start at once
     * @param refill time for one more token
     * @param maxInFlight checks running at once across all clients
     */
    public DirectWebChecks(
            CheckService checks, Metrics metrics, Clock clock, int burst, Duration refill, int maxInFlight) {
        this.checks = requireNonNull(checks, "checks is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (burst < 1 || refill.isNegative() || refill.isZero() || maxInFlight < 1) {
            throw new IllegalArgumentException("burst, refill and maxInFlight must be positive");
        }
        this.burst = burst;
        this.refill = refill;
        this.inFlight = new Semaphore(maxInFlight);
    }

    @Override
    public void submit(String domainInput, String clientAddress, boolean bypassCache, Listener listener) {
        DomainInput.Result parsed = DomainInput.parse(domainInput == null ? "" : domainInput);
        DomainInput.Valid valid;
        switch (parsed) {
            case DomainInput.Invalid invalid -> {
                listener.on(new Event.Invalid(invalid.reason()));
                return;
            }
            case DomainInput.Valid ok -> valid = ok;
        }
        Duration wait = take(clientAddress);
        if (!wait.isZero()) {
            metrics.rateLimited("web", "address");
            listener.on(new Event.Limited(wait));
            return;
        }
        if (!inFlight.tryAcquire()) {
            metrics.rateLimited("web", "global");
            listener.on(new Event.Busy());
            return;
        }
        try {
            listener.on(new Event.Queued(0));
            var report = checks.check(
                    valid,
                    (check, done, total) ->
                            listener.on(new Event.Progress(check.id(), check.title(), check.status(), done, total)));
            metrics.checkFinished(report, "web");
            listener.on(new Event.Finished(report));
        } catch (RuntimeException e) {
            LOG.error("web check of {} failed", valid.domain(), e);
            listener.on(new Event.Busy());
        } finally {
            inFlight.release();
        }
    }

    /** Takes a token for {@code client}; returns zero, or how long until one is available. */
    Duration take(String client) {
        long now = clock.millis();
        long perToken = refill.toMillis();
        Bucket bucket = buckets.compute(client, (key, old) -> {
            double tokens = old == null ? burst : Math.min(burst, old.tokens + (now - old.at) / (double) perToken);
            return tokens >= 1 ? new Bucket(tokens - 1, now, true) : new Bucket(tokens, now, false);
        });
        if (bucket.granted) {
            return Duration.ZERO;
        }
        if (buckets.size() > 100_000) {
            buckets.clear();
        }
        return Duration.ofMillis((long) Math.ceil((1 - bucket.tokens) * perToken));
    }

    private record Bucket(double tokens, long at, boolean granted) {}
}
