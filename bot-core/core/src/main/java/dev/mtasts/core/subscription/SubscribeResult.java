package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

/** What {@link SubscriptionStore#subscribe} did. */
public sealed interface SubscribeResult {
    /** A new subscription. */
    record Subscribed(Subscription subscription) implements SubscribeResult {
        public Subscribed {
            requireNonNull(subscription, "subscription is null");
        }
    }

    /** The channel already followed the domain, and still does; nothing changed. */
    record AlreadySubscribed(Subscription subscription) implements SubscribeResult {
        public AlreadySubscribed {
            requireNonNull(subscription, "subscription is null");
        }
    }

    /**
     * A subscription paused after failed deliveries is active again, with its failure count reset.
     *
     * @param pausedAfter how many consecutive failed deliveries had paused it
     */
    record Resumed(Subscription subscription, int pausedAfter) implements SubscribeResult {
        public Resumed {
            requireNonNull(subscription, "subscription is null");
        }
    }

    /** Refused: the channel, or its workspace or guild, already follows {@code limit} domains. */
    record LimitReached(Scope scope, int limit) implements SubscribeResult {
        public LimitReached {
            requireNonNull(scope, "scope is null");
        }
    }

    enum Scope {
        CHANNEL,
        WORKSPACE
    }
}
