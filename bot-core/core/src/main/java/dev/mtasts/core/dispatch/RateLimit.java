package dev.mtasts.core.dispatch;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * A token bucket: up to {@code burst} requests at once, then one more every {@code refillEvery}. E.g. burst 10, one
 * every 6 s: ten commands in a row, then ten a minute.
 */
public record RateLimit(int burst, Duration refillEvery) {
    public RateLimit {
        requireNonNull(refillEvery, "refillEvery is null");
        if (burst < 1 || burst > 1_000_000) {
            throw new IllegalArgumentException("a rate limit's burst must be 1 to 1000000, not " + burst);
        }
        if (refillEvery.isNegative() || refillEvery.isZero()) {
            throw new IllegalArgumentException("a rate limit's refill interval must be positive");
        }
    }
}
