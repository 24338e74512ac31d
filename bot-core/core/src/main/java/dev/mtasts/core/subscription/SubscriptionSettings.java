package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * How subscriptions are scheduled and limited; {@code subscriptions.*} in the configuration.
 *
 * @param interval how often each subscribed domain is re-checked
 * @param jitter the fraction of the interval by which each next check is moved at random, earlier or later, so
 *     domains subscribed together spread out (0 to 0.5)
 * @param limits how many domains a channel and a workspace or guild may follow
 * @param maxConsecutiveFailures failed deliveries to a channel after which its subscription is paused
 * @param lease how long an instance owns a claimed check or delivery before another may take it over; longer than
 *     any check takes
 * @param pollInterval how often each instance looks for due checks and pending deliveries
 */
public record SubscriptionSettings(
        Duration interval,
        double jitter,
        SubscriptionLimits limits,
        int maxConsecutiveFailures,
        Duration lease,
        Duration pollInterval) {
    /** A failed or unconfirmed check is retried after this long, or after the interval when that is shorter. */
    public static final Duration RETRY_DELAY = Duration.ofMinutes(5);

    public SubscriptionSettings {
        requirePositive(interval, "interval");
        if (!(jitter >= 0 && jitter <= 0.5)) {
            throw new IllegalArgumentException("jitter must be between 0 and 0.5 of the interval, not " + jitter);
        }
        requireNonNull(limits, "limits is null");
        if (maxConsecutiveFailures < 1) {
            throw new IllegalArgumentException(
                    "max consecutive failures must be at least 1, not " + maxConsecutiveFailures);
        }
        requirePositive(lease, "lease");
        requirePositive(pollInterval, "pollInterval");
    }

    public static SubscriptionSettings defaults() {
        return new SubscriptionSettings(
                Duration.ofHours(1),
                0.1,
                new SubscriptionLimits(50, 500),
                5,
                Duration.ofMinutes(5),
                Duration.ofSeconds(30));
    }

    /** When to check again after a check at {@code now}: one interval later, give or take the jitter. */
    public Instant nextCheck(Instant now, RandomGenerator random) {
        long base = interval.toMillis();
        long spread = Math.round(base * jitter);
        long offset = spread == 0 ? 0 : random.nextLong(-spread, spread + 1);
        return now.plusMillis(Math.max(1, base + offset));
    }

    /** When to retry a check that failed or needs confirming. */
    public Instant retry(Instant now) {
        return now.plus(interval.compareTo(RETRY_DELAY) < 0 ? interval : RETRY_DELAY);
    }

    private static void requirePositive(Duration duration, String name) {
        requireNonNull(duration, name + " is null");
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
