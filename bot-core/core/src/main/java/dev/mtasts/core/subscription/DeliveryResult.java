package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/** How posting a notification to a channel went. */
public sealed interface DeliveryResult {
    /** Posted (or found already posted on an attempt in doubt). */
    record Delivered() implements DeliveryResult {}

    /**
     * Will not work if tried again: the channel was deleted, the bot was removed from it or lost access, the token
     * was revoked. Counts towards pausing the subscription.
     */
    record PermanentFailure(String reason) implements DeliveryResult {
        public PermanentFailure {
            requireNonNull(reason, "reason is null");
        }
    }

    /** May work later: rate limited, the platform is down, a network error. Retried with back-off. */
    record TransientFailure(String reason, Optional<Duration> retryAfter) implements DeliveryResult {
        public TransientFailure {
            requireNonNull(reason, "reason is null");
            requireNonNull(retryAfter, "retryAfter is null");
        }
    }

    static DeliveryResult delivered() {
        return new Delivered();
    }

    static DeliveryResult permanent(String reason) {
        return new PermanentFailure(reason);
    }

    static DeliveryResult transientFailure(String reason) {
        return new TransientFailure(reason, Optional.empty());
    }
}
