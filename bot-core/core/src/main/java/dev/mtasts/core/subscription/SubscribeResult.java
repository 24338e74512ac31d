package dev.mtasts.core.subscription;

/** What {@link SubscriptionStore#subscribe} did. */
public sealed interface SubscribeResult {
    /** A new subscription. */
    record Subscribed(Subscription subscription) implements SubscribeResult {}

    /** The channel already followed the domain, and still does; nothing changed. */
    record AlreadySubscribed(Subscription subscription) implements SubscribeResult {}

    /**
     * A subscription paused after failed deliveries is active again, with its failure count reset.
     *
     * @param pausedAfter how many consecutive failed deliveries had paused it
     */
    record Resumed(Subscription subscription, int pausedAfter) implements SubscribeResult {}

    /** Refused: the channel, or its workspace or guild, already follows {@code limit} domains. */
    record LimitReached(Scope scope, int limit) implements SubscribeResult {}

    enum Scope {
        CHANNEL,
        WORKSPACE
    }
}
