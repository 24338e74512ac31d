package dev.mtasts.core.subscription;

/** How many domains one channel, and one workspace or guild, may follow. */
public record SubscriptionLimits(int perChannel, int perWorkspace) {
    public SubscriptionLimits {
        if (perChannel < 1) {
            throw new IllegalArgumentException("the per-channel limit must be at least 1, not " + perChannel);
        }
        if (perWorkspace < perChannel) {
            throw new IllegalArgumentException("the per-workspace limit (" + perWorkspace
                    + ") must be at least the per-channel limit (" + perChannel + ")");
        }
    }
}
