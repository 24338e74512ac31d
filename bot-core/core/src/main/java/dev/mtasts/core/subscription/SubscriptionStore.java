package dev.mtasts.core.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where subscriptions, the per-domain schedule and the notification outbox live: the history database (the embedded
 * default, or PostgreSQL shared by several bot instances).
 *
 * <p>Claims are leases: a claimed domain or delivery belongs to one instance until its lease runs out, after which
 * another instance may claim it. Completions are fenced by the lease, so a check or delivery that outlived its lease
 * changes nothing. Together with the outbox written in the same transaction as the state, each due check completes
 * once and each notification is queued once per channel, whatever instance dies when.
 *
 * <p>Implementations are safe for concurrent use by many threads and processes. Failures are
 * {@link SubscriptionStoreException}s.
 */
public interface SubscriptionStore {
    /**
     * Subscribes {@code channel} to {@code domain} within the limits; resumes a paused subscription (resetting its
     * failures). A new domain is first due at {@code firstCheckAt}. Limits count every subscription, paused ones too.
     */
    SubscribeResult subscribe(
            ChannelRef channel,
            String domain,
            String createdBy,
            SubscriptionLimits limits,
            Instant now,
            Instant firstCheckAt);

    /** Removes the subscription; false when the channel did not follow the domain. Pending deliveries go with it. */
    boolean unsubscribe(ChannelRef channel, String domain);

    /** The channel's subscriptions, by domain. */
    List<SubscriptionOverview> list(ChannelRef channel);

    /** Every subscription, by platform, workspace, channel and domain. */
    List<SubscriptionOverview> overview();

    /**
     * Records the state of a subscribe-time check as what subscribers were told, unless the domain already has one
     * (another channel follows it, or the scheduler got there first). Returns whether it was recorded.
     */
    boolean recordBaseline(String domain, DomainState state, Instant nextCheckAt);

    /**
     * Claims up to {@code limit} domains due at {@code now} (not leased, followed by an active subscription on one
     * of {@code platforms}), oldest due first, for {@code lease}.
     */
    List<DomainLease> claimDueDomains(Set<Platform> platforms, String owner, Instant now, Duration lease, int limit);

    /**
     * Completes a claimed check in one transaction: writes the state and schedule, queues the notification for every
     * active subscription of the domain, releases the lease. Returns false, changing nothing, when the lease was lost.
     */
    boolean completeCheck(DomainLease lease, CheckCompletion completion);

    /** Releases a claimed check that could not run, to be retried at {@code retryAt}; nothing if the lease was lost. */
    void abandonCheck(DomainLease lease, Instant retryAt);

    /**
     * Claims up to {@code limit} queued deliveries for channels of {@code platforms} that are due at {@code now},
     * each the oldest pending for its subscription, for one attempt of {@code lease}.
     */
    List<PendingDelivery> claimDeliveries(
            Set<Platform> platforms, String owner, Instant now, Duration lease, int limit);

    /** The delivery worked: it is done, and the subscription's consecutive failures reset. */
    void recordDelivered(PendingDelivery delivery, Instant now);

    /**
     * The delivery failed. With {@code retryAt} it stays queued for another attempt then; without, it is given up
     * and counts as one consecutive failure of the subscription, which is paused when it reaches
     * {@code maxConsecutiveFailures}. Nothing is written when the claim was lost to another instance.
     */
    FailureOutcome recordDeliveryFailure(
            PendingDelivery delivery,
            String reason,
            Optional<Instant> retryAt,
            int maxConsecutiveFailures,
            Instant now);

    /**
     * Deletes deliveries that finished (delivered or given up) before {@code before}, and the notifications left
     * without deliveries. Returns how many deliveries it deleted.
     */
    int purgeFinished(Instant before);

    /**
     * @param consecutiveFailures the subscription's failures after this one
     * @param paused this failure paused the subscription
     */
    record FailureOutcome(int consecutiveFailures, boolean paused) {
        public static final FailureOutcome NONE = new FailureOutcome(0, false);
    }
}
