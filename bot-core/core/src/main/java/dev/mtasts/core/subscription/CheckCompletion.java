package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import dev.mtasts.spi.Severity;
import java.time.Instant;
import java.util.Optional;

/**
 * What a finished scheduled check writes, atomically with the release of its lease: the new state, when the domain
 * is due next and, when something changed, the notification with one delivery per active subscription (the
 * outbox).
 *
 * @param status the status the check saw, shown as the domain's last status
 * @param state what subscribers are now told; empty keeps the previous state (an unconfirmed change)
 * @param unconfirmed the check saw changes that a second check must confirm before they are announced
 * @param notification the changes to deliver; needs a state
 */
public record CheckCompletion(
        Instant checkedAt,
        Severity status,
        Optional<DomainState> state,
        boolean unconfirmed,
        Instant nextCheckAt,
        Optional<Notification> notification) {
    public CheckCompletion {
        requireNonNull(checkedAt, "checkedAt is null");
        requireNonNull(status, "status is null");
        requireNonNull(state, "state is null");
        requireNonNull(nextCheckAt, "nextCheckAt is null");
        requireNonNull(notification, "notification is null");
        if (notification.isPresent() && state.isEmpty()) {
            throw new IllegalArgumentException("a notification announces a new state");
        }
        if (unconfirmed && state.isPresent()) {
            throw new IllegalArgumentException("an unconfirmed change keeps the previous state");
        }
    }

    /** The check is recorded and what it saw is what subscribers are told (with a notification when it changed). */
    public static CheckCompletion announce(
            DomainState state, Instant nextCheckAt, Optional<Notification> notification) {
        return new CheckCompletion(
                state.checkedAt(), state.status(), Optional.of(state), false, nextCheckAt, notification);
    }

    /** The check saw changes that may be a blip; subscribers are told nothing until the next check confirms them. */
    public static CheckCompletion unconfirmed(DomainState seen, Instant nextCheckAt) {
        return new CheckCompletion(
                seen.checkedAt(), seen.status(), Optional.empty(), true, nextCheckAt, Optional.empty());
    }
}
