package dev.mtasts.core.subscription;

/**
 * Posts notifications to the channels of one platform, in the adapter's threaded format. Adapters contribute one
 * through a Guice {@code Multibinder<Notifier>}; the scheduler delivers to a platform only if it has its notifier.
 *
 * <p>Implementations never throw for a failed post: they classify it as a {@link DeliveryResult}. They are called
 * from several virtual threads at once.
 */
public interface Notifier {
    Platform platform();

    DeliveryResult deliver(ChannelRef channel, Notification notification, DeliveryAttempt attempt);

    /**
     * The first step of every {@link #deliver}: for an attempt in doubt (an earlier one may have reached the platform),
     * asks {@code lookup} whether the channel already shows the post with the attempt's idempotency key (empty: the
     * platform cannot tell), and logs the outcome. True means "delivered, do not post again".
     */
    static boolean alreadyDelivered(
            ChannelRef channel,
            Notification notification,
            DeliveryAttempt attempt,
            java.util.function.Function<String, java.util.Optional<Boolean>> lookup) {
        java.util.Objects.requireNonNull(channel, "channel is null");
        java.util.Objects.requireNonNull(notification, "notification is null");
        java.util.Objects.requireNonNull(attempt, "attempt is null");
        if (!attempt.inDoubt()) {
            return false;
        }
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Notifier.class);
        java.util.Optional<Boolean> found = lookup.apply(attempt.idempotencyKey());
        if (found.orElse(false)) {
            log.info(
                    "the notification of {} was already in {} (attempt {} in doubt)",
                    notification.domain(),
                    channel.describe(),
                    attempt.number());
            return true;
        }
        if (found.isEmpty()) {
            log.info(
                    "cannot tell whether {} already has the notification of {}; posting it",
                    channel.describe(),
                    notification.domain());
        }
        return false;
    }
}
