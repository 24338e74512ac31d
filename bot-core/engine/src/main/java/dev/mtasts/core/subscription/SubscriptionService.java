package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;
import dev.mtasts.core.input.DomainInput;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What chat front ends call for {@code subscribe}, {@code unsubscribe} and {@code list}. Synchronous; front ends own
 * their asynchrony (subscribing runs a check, which takes seconds). Permission checks are the front ends' business.
 */
public final class SubscriptionService {
    private final SubscriptionStore store;
    private final DomainChecker checker;
    private final SubscriptionSettings settings;
    private final Clock clock;
    private final RandomGenerator random;

    @Inject
    public SubscriptionService(
            SubscriptionStore store, DomainChecker checker, SubscriptionSettings settings, Clock clock) {
        this(store, checker, settings, clock, RandomGenerator.getDefault());
    }

    public SubscriptionService(
            SubscriptionStore store,
            DomainChecker checker,
            SubscriptionSettings settings,
            Clock clock,
            RandomGenerator random) {
        this.store = requireNonNull(store, "store is null");
        this.checker = requireNonNull(checker, "checker is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.random = requireNonNull(random, "random is null");
    }

    public SubscriptionSettings settings() {
        return settings;
    }

    /**
     * Subscribes the channel to the domain. A new or resumed subscription is checked at once; that report is the
     * channel's baseline, and the domain's too when no other channel follows it yet.
     */
    public SubscribeOutcome subscribe(
            ChannelRef channel, DomainInput.Valid domain, String createdBy, ProgressListener progress) {
        requireNonNull(channel, "channel is null");
        requireNonNull(domain, "domain is null");
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(progress, "progress is null");
        Instant now = clock.instant();
        SubscribeResult result = store.subscribe(
                channel, domain.domain(), createdBy, settings.limits(), now, settings.nextCheck(now, random));
        return switch (result) {
            case SubscribeResult.Subscribed subscribed -> baseline(result, domain.domain(), progress);
            case SubscribeResult.Resumed resumed -> baseline(result, domain.domain(), progress);
            case SubscribeResult.AlreadySubscribed already -> new SubscribeOutcome(result, Optional.empty());
            case SubscribeResult.LimitReached limit -> new SubscribeOutcome(result, Optional.empty());
        };
    }

    /** Unsubscribes the channel; false when it did not follow the domain. */
    public boolean unsubscribe(ChannelRef channel, DomainInput.Valid domain) {
        requireNonNull(channel, "channel is null");
        requireNonNull(domain, "domain is null");
        return store.unsubscribe(channel, domain.domain());
    }

    public List<SubscriptionOverview> list(ChannelRef channel) {
        return store.list(requireNonNull(channel, "channel is null"));
    }

    private SubscribeOutcome baseline(SubscribeResult result, String domain, ProgressListener progress) {
        DomainChecker.CheckedDomain checked = checker.check(domain, progress);
        Instant now = clock.instant();
        ChangeDetector.Detection baseline = ChangeDetector.detect(Optional.empty(), checked.state(), now);
        store.recordBaseline(domain, baseline.state(), settings.nextCheck(now, random));
        return new SubscribeOutcome(result, Optional.of(checked.report()));
    }

    /**
     * @param baseline the check run for a new or resumed subscription, to post as its baseline
     */
    public record SubscribeOutcome(SubscribeResult result, Optional<Report> baseline) {
        public SubscribeOutcome {
            requireNonNull(result, "result is null");
            requireNonNull(baseline, "baseline is null");
        }
    }
}
