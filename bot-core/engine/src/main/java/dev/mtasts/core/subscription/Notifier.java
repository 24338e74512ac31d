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
}
