package dev.mtasts.core.dispatch;

import static java.util.Objects.requireNonNull;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Duration;

/**
 * How the {@link CheckDispatcher} admits checks, for every front end alike. A copy with one component changed comes
 * from the generated {@code DispatchSettingsBuilder.With} ({@code settings.withWorkers(4)}).
 *
 * @param workers checks of different domains running at once
 * @param queueCapacity checks waiting for a worker; beyond that a request is told "busy"
 * @param cacheTtl how long a finished report answers new requests of the same domain (zero: never)
 * @param perUser each requester's allowance, within a front end
 * @param perPlace each channel's (guild's, workspace's) allowance, within a front end
 * @param recheckCooldown how soon a domain may be re-checked (Re-check) after its last run began (zero: always)
 * @param shutdownGrace how long running checks may finish when mtasts stops
 */
@RecordBuilder
public record DispatchSettings(
        int workers,
        int queueCapacity,
        Duration cacheTtl,
        RateLimit perUser,
        RateLimit perPlace,
        Duration recheckCooldown,
        Duration shutdownGrace)
        implements DispatchSettingsBuilder.With {
    public DispatchSettings {
        requireNonNull(cacheTtl, "cacheTtl is null");
        requireNonNull(perUser, "perUser is null");
        requireNonNull(perPlace, "perPlace is null");
        requireNonNull(recheckCooldown, "recheckCooldown is null");
        requireNonNull(shutdownGrace, "shutdownGrace is null");
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("dispatch.workers must be 1 to 256, not " + workers);
        }
        if (queueCapacity < 0 || queueCapacity > 100_000) {
            throw new IllegalArgumentException("dispatch.queue-capacity must be 0 to 100000, not " + queueCapacity);
        }
        if (cacheTtl.isNegative() || recheckCooldown.isNegative() || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("dispatch durations must not be negative");
        }
    }

    /**
     * 8 workers, 1000 waiting, results fresh for 60 s; 10 checks per user then one every 6 s; 300 per channel then 5
     * a second; a domain re-checked at most every 15 s; 20 s for running checks at shutdown.
     */
    public static DispatchSettings defaults() {
        return new DispatchSettings(
                8,
                1000,
                Duration.ofSeconds(60),
                new RateLimit(10, Duration.ofSeconds(6)),
                new RateLimit(300, Duration.ofMillis(200)),
                Duration.ofSeconds(15),
                Duration.ofSeconds(20));
    }
}
