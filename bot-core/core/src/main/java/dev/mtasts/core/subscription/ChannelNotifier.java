package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The delivery flow every platform's {@link Notifier} shares, written once: an attempt in doubt first asks the
 * platform whether the channel already shows the post with the attempt's idempotency key, and counts as delivered
 * when it does; otherwise the platform posts it (the notification, then its details in a thread) and classifies a
 * failure. Platforms implement the two transport steps only.
 */
public abstract class ChannelNotifier implements Notifier {
    private final Platform platform;

    protected ChannelNotifier(Platform platform) {
        this.platform = requireNonNull(platform, "platform is null");
    }

    @Override
    public final Platform platform() {
        return platform;
    }

    @Override
    public final DeliveryResult deliver(ChannelRef channel, Notification notification, DeliveryAttempt attempt) {
        requireNonNull(attempt, "attempt is null");
        if (Notifier.alreadyDelivered(channel, notification, attempt, key -> posted(channel, key))) {
            return DeliveryResult.delivered();
        }
        return post(channel, notification, attempt.idempotencyKey());
    }

    /** Whether {@code channel} already shows the post carrying {@code idempotencyKey}; empty when it cannot tell. */
    protected abstract Optional<Boolean> posted(ChannelRef channel, String idempotencyKey);

    /**
     * Posts the notification carrying {@code idempotencyKey}, then its details; never throws for a failed post but
     * classifies it. Details that fail after the notification landed are logged, not retried.
     */
    protected abstract DeliveryResult post(ChannelRef channel, Notification notification, String idempotencyKey);
}
