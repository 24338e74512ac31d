package dev.mtasts.core.dispatch;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** One {@link RateLimit} bucket per key (a user, a channel). Thread-safe. Full buckets are forgotten. */
final class TokenBuckets {
    private static final int PRUNE_AT = 10_000;

    private final RateLimit limit;
    private final Map<String, Bucket> buckets = new HashMap<>();

    TokenBuckets(RateLimit limit) {
        this.limit = requireNonNull(limit, "limit is null");
    }

    /** Takes a token; empty when taken, otherwise how long until one is available. */
    synchronized Optional<Duration> take(String key, Instant now) {
        Bucket bucket = buckets.computeIfAbsent(key, ignored -> new Bucket(limit.burst(), now));
        bucket.refill(now);
        if (bucket.tokens >= 1.0) {
            bucket.tokens -= 1.0;
            if (buckets.size() > PRUNE_AT) {
                buckets.values().removeIf(other -> other != bucket && other.fullAt(now));
            }
            return Optional.empty();
        }
        double missing = 1.0 - bucket.tokens;
        long nanos = (long) Math.ceil(missing * limit.refillEvery().toNanos());
        return Optional.of(Duration.ofNanos(nanos));
    }

    /** Gives back a token taken by a request that was refused for another reason. */
    synchronized void giveBack(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            bucket.tokens = Math.min(limit.burst(), bucket.tokens + 1.0);
        }
    }

    private final class Bucket {
        double tokens;
        Instant updated;

        Bucket(double tokens, Instant updated) {
            this.tokens = tokens;
            this.updated = updated;
        }

        void refill(Instant now) {
            if (now.isAfter(updated)) {
                double gained = (double) Duration.between(updated, now).toNanos()
                        / limit.refillEvery().toNanos();
                tokens = Math.min(limit.burst(), tokens + gained);
                updated = now;
            }
        }

        boolean fullAt(Instant now) {
            refill(now);
            return tokens >= limit.burst();
        }
    }
}
