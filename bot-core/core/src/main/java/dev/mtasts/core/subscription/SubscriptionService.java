package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

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
 * their asynchrony (a baseline is a check, which takes seconds) and their permission checks.
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
     * Subscribes the channel to the domain, or resumes its paused subscription. A new or resumed subscription wants a
     * baseline ({@link #wantsBaseline}): the front end checks the domain at once, posts that report, and hands it to
     * {@link #recordBaseline}.
     */
    public SubscribeResult subscribe(ChannelRef channel, DomainInput.Valid domain, String createdBy) {
        requireNonNull(channel, "channel is null");
        requireNonNull(domain, "domain is null");
        requireNonNull(createdBy, "createdBy is null");
        Instant now = clock.instant();
        return store.subscribe(
                channel, domain.domain(), createdBy, settings.limits(), now, settings.nextCheck(now, random));
    }

    /** Whether a subscribe result asks for a baseline check (a new or resumed subscription). */
    public static boolean wantsBaseline(SubscribeResult result) {
        return switch (result) {
            case SubscribeResult.Subscribed subscribed -> true;
            case SubscribeResult.Resumed resumed -> true;
            case SubscribeResult.AlreadySubscribed already -> false;
            case SubscribeResult.LimitReached limit -> false;
        };
    }

    /**
     * Records a report of the domain, posted to a newly subscribed channel, as what the domain's subscribers were
     * told, unless they were already told something (another channel follows it). Returns whether it was recorded.
     */
    public boolean recordBaseline(Report report) {
        requireNonNull(report, "report is null");
        Instant now = clock.instant();
        ChangeDetector.Detection baseline = ChangeDetector.detect(Optional.empty(), checker.state(report), now);
        return store.recordBaseline(report.domain(), baseline.state(), settings.nextCheck(now, random));
    }

    /** Unsubscribes the channel; false when it did not follow the domain. */
    public boolean unsubscribe(ChannelRef channel, DomainInput.Valid domain) {
        requireNonNull(channel, "channel is null");
        requireNonNull(domain, "domain is null");
        return store.unsubscribe(channel, domain.domain());
    }

    /** The channel's subscriptions, by domain, with each domain's last status and next check. */
    public List<SubscriptionOverview> list(ChannelRef channel) {
        return store.list(requireNonNull(channel, "channel is null"));
    }

    /** Whether the channel follows the domain, actively or paused. */
    public boolean follows(ChannelRef channel, String domain) {
        requireNonNull(domain, "domain is null");
        return list(channel).stream()
                .anyMatch(overview -> overview.subscription().domain().equals(domain));
    }

    /** The time on the subscriptions' clock, for "checked 5 min ago" in list replies. */
    public Instant now() {
        return clock.instant();
    }
}
