package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import dev.mtasts.spi.Severity;
import java.time.Instant;
import java.util.Optional;

/**
 * A subscription with what the scheduler knows of its domain, for {@code /mtasts list} and
 * {@code mtasts subscriptions}.
 *
 * @param lastStatus the status of the domain's last check, empty before the first
 * @param lastCheckedAt when that check ran
 * @param nextCheckAt when the domain is due next
 */
public record SubscriptionOverview(
        Subscription subscription,
        Optional<Severity> lastStatus,
        Optional<Instant> lastCheckedAt,
        Optional<Instant> nextCheckAt) {
    public SubscriptionOverview {
        requireNonNull(subscription, "subscription is null");
        requireNonNull(lastStatus, "lastStatus is null");
        requireNonNull(lastCheckedAt, "lastCheckedAt is null");
        requireNonNull(nextCheckAt, "nextCheckAt is null");
    }
}
