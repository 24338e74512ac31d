package dev.mtasts.store.subscription;

import dev.mtasts.core.subscription.ChannelRef;
import dev.mtasts.core.subscription.InMemorySubscriptionStore;
import dev.mtasts.core.subscription.SubscriptionStore;

/**
 * The same contract for the in-memory store that the front ends' tests use, so a test passing against it says
 * something about the real stores.
 */
final class TestInMemorySubscriptionStore extends SubscriptionStoreContract {
    @Override
    SubscriptionStore freshStore() {
        return new InMemorySubscriptionStore();
    }

    @Override
    void pause(SubscriptionStore store, ChannelRef channel, String domain) {
        ((InMemorySubscriptionStore) store).pause(channel, domain, "channel_not_found");
    }
}
