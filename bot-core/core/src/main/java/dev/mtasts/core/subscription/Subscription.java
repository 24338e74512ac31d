package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One channel following one domain.
 *
 * @param id the store's key
 * @param domain the A-label domain, as {@link dev.mtasts.core.input.DomainInput} normalised it
 * @param createdBy the platform's id of the user who subscribed
 * @param consecutiveFailures failed deliveries since the last successful one
 * @param lastFailure why the last delivery failed, when one did
 */
public record Subscription(
        long id,
        ChannelRef channel,
        String domain,
        String createdBy,
        Instant createdAt,
        State state,
        int consecutiveFailures,
        Optional<String> lastFailure) {
    public Subscription {
        requireNonNull(channel, "channel is null");
        requireNonNull(domain, "domain is null");
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(state, "state is null");
        requireNonNull(lastFailure, "lastFailure is null");
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutiveFailures is negative: " + consecutiveFailures);
        }
    }

    public enum State {
        /** Notified of every change. */
        ACTIVE,
        /** Delivery kept failing; nothing is sent until the channel subscribes again. */
        PAUSED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
