package dev.mtasts.core.subscription;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The store contract in memory, under one lock: for tests of front ends and schedulers, and for embedders that need
 * no persistence. Nothing survives the process, and only instances in this process share it; {@code mtasts serve}
 * uses the JDBC store.
 */
public final class InMemorySubscriptionStore implements SubscriptionStore {
    private final Map<Long, Subscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, DomainRow> domains = new LinkedHashMap<>();
    private final List<DeliveryRow> deliveries = new ArrayList<>();
    private long nextId = 1;

    private static final class DomainRow {
        Instant nextCheckAt = Instant.MAX;
        Optional<String> leaseOwner = Optional.empty();
        Optional<String> leaseToken = Optional.empty();
        Instant leaseUntil = Instant.MIN;
        long run;
        Optional<DomainState> state = Optional.empty();
        boolean unconfirmed;
        Optional<Instant> lastCheckedAt = Optional.empty();
        Optional<dev.mtasts.spi.Severity> lastStatus = Optional.empty();
    }

    private static final class DeliveryRow {
        final String domain;
        final long run;
        final long subscriptionId;
        final Notification notification;
        String status = "PENDING";
        int attempts;
        boolean outcomeRecorded = true;
        Instant nextAttemptAt;
        Optional<String> leaseOwner = Optional.empty();
        Instant leaseUntil = Instant.MIN;
        Optional<String> lastError = Optional.empty();
        Instant finishedAt = Instant.MAX;

        DeliveryRow(String domain, long run, long subscriptionId, Notification notification, Instant nextAttemptAt) {
            this.domain = domain;
            this.run = run;
            this.subscriptionId = subscriptionId;
            this.notification = notification;
            this.nextAttemptAt = nextAttemptAt;
        }
    }

    @Override
    public synchronized SubscribeResult subscribe(
            ChannelRef channel,
            String domain,
            String createdBy,
            SubscriptionLimits limits,
            Instant now,
            Instant firstCheckAt) {
        Optional<Subscription> existing = find(channel, domain);
        if (existing.isPresent()) {
            Subscription subscription = existing.get();
            return switch (subscription.state()) {
                case ACTIVE -> new SubscribeResult.AlreadySubscribed(subscription);
                case PAUSED -> {
                    Subscription resumed = new Subscription(
                            subscription.id(),
                            channel,
                            domain,
                            subscription.createdBy(),
                            subscription.createdAt(),
                            Subscription.State.ACTIVE,
                            0,
                            Optional.empty());
                    subscriptions.put(subscription.id(), resumed);
                    boolean othersActive = subscriptions.values().stream()
                            .anyMatch(other -> other.id() != subscription.id()
                                    && other.domain().equals(domain)
                                    && other.state() == Subscription.State.ACTIVE);
                    if (!othersActive) {
                        DomainRow row = existing(domain);
                        row.state = Optional.empty();
                        row.unconfirmed = false;
                    }
                    yield new SubscribeResult.Resumed(resumed, subscription.consecutiveFailures());
                }
            };
        }
        long inChannel = subscriptions.values().stream()
                .filter(subscription -> subscription.channel().equals(channel))
                .count();
        if (inChannel >= limits.perChannel()) {
            return new SubscribeResult.LimitReached(SubscribeResult.Scope.CHANNEL, limits.perChannel());
        }
        long inWorkspace = subscriptions.values().stream()
                .filter(subscription -> subscription.channel().platform() == channel.platform()
                        && subscription.channel().workspaceId().equals(channel.workspaceId()))
                .count();
        if (inWorkspace >= limits.perWorkspace()) {
            return new SubscribeResult.LimitReached(SubscribeResult.Scope.WORKSPACE, limits.perWorkspace());
        }
        Subscription subscription = new Subscription(
                nextId++, channel, domain, createdBy, now, Subscription.State.ACTIVE, 0, Optional.empty());
        subscriptions.put(subscription.id(), subscription);
        domains.computeIfAbsent(domain, key -> {
            DomainRow row = new DomainRow();
            row.nextCheckAt = firstCheckAt;
            return row;
        });
        return new SubscribeResult.Subscribed(subscription);
    }

    @Override
    public synchronized boolean unsubscribe(ChannelRef channel, String domain) {
        Optional<Subscription> existing = find(channel, domain);
        if (existing.isEmpty()) {
            return false;
        }
        subscriptions.remove(existing.get().id());
        deliveries.removeIf(row -> row.subscriptionId == existing.get().id());
        if (subscriptions.values().stream()
                .noneMatch(subscription -> subscription.domain().equals(domain))) {
            domains.remove(domain);
        }
        return true;
    }

    @Override
    public synchronized List<SubscriptionOverview> list(ChannelRef channel) {
        return overview().stream()
                .filter(overview -> overview.subscription().channel().equals(channel))
                .toList();
    }

    @Override
    public synchronized List<SubscriptionOverview> overview() {
        return subscriptions.values().stream()
                .sorted(Comparator.comparing((Subscription subscription) ->
                                subscription.channel().describe())
                        .thenComparing(Subscription::domain))
                .map(subscription -> {
                    DomainRow row = existing(subscription.domain());
                    return new SubscriptionOverview(
                            subscription, row.lastStatus, row.lastCheckedAt, Optional.of(row.nextCheckAt));
                })
                .toList();
    }

    @Override
    public synchronized boolean recordBaseline(String domain, DomainState state, Instant nextCheckAt) {
        DomainRow row = domains.get(domain);
        if (row == null || row.state.isPresent()) {
            return false;
        }
        row.state = Optional.of(state);
        row.lastStatus = Optional.of(state.status());
        row.lastCheckedAt = Optional.of(state.checkedAt());
        row.nextCheckAt = nextCheckAt;
        return true;
    }

    @Override
    public synchronized List<DomainLease> claimDueDomains(
            Set<Platform> platforms, String owner, Instant now, Duration lease, int limit) {
        List<DomainLease> claimed = new ArrayList<>();
        domains.entrySet().stream()
                .filter(entry -> !entry.getValue().nextCheckAt.isAfter(now)
                        && entry.getValue().leaseUntil.isBefore(now)
                        && subscriptions.values().stream()
                                .anyMatch(subscription -> subscription.domain().equals(entry.getKey())
                                        && subscription.state() == Subscription.State.ACTIVE
                                        && platforms.contains(
                                                subscription.channel().platform())))
                .sorted(Comparator.comparing(entry -> entry.getValue().nextCheckAt))
                .limit(limit)
                .forEach(entry -> {
                    DomainRow row = entry.getValue();
                    row.leaseOwner = Optional.of(owner);
                    row.leaseToken = Optional.of(UUID.randomUUID().toString());
                    row.leaseUntil = now.plus(lease);
                    claimed.add(new DomainLease(
                            entry.getKey(),
                            owner,
                            row.leaseToken.get(),
                            row.leaseUntil,
                            row.run,
                            row.state,
                            row.unconfirmed));
                });
        return claimed;
    }

    @Override
    public synchronized boolean completeCheck(DomainLease lease, CheckCompletion completion) {
        DomainRow row = domains.get(lease.domain());
        if (row == null || !row.leaseToken.equals(Optional.of(lease.token()))) {
            return false;
        }
        row.run++;
        if (completion.state().isPresent()) {
            row.state = completion.state();
        }
        row.unconfirmed = completion.unconfirmed();
        row.lastStatus = Optional.of(completion.status());
        row.lastCheckedAt = Optional.of(completion.checkedAt());
        row.nextCheckAt = completion.nextCheckAt();
        row.leaseOwner = Optional.empty();
        row.leaseToken = Optional.empty();
        row.leaseUntil = Instant.MIN;
        completion.notification().ifPresent(notification -> {
            for (Subscription subscription : subscriptions.values()) {
                if (subscription.domain().equals(lease.domain()) && subscription.state() == Subscription.State.ACTIVE) {
                    deliveries.add(new DeliveryRow(
                            lease.domain(), row.run, subscription.id(), notification, completion.checkedAt()));
                }
            }
        });
        return true;
    }

    @Override
    public synchronized void abandonCheck(DomainLease lease, Instant retryAt) {
        DomainRow row = domains.get(lease.domain());
        if (row == null || !row.leaseToken.equals(Optional.of(lease.token()))) {
            return;
        }
        row.nextCheckAt = retryAt;
        row.leaseOwner = Optional.empty();
        row.leaseToken = Optional.empty();
        row.leaseUntil = Instant.MIN;
    }

    @Override
    public synchronized List<PendingDelivery> claimDeliveries(
            Set<Platform> platforms, String owner, Instant now, Duration lease, int limit) {
        List<PendingDelivery> claimed = new ArrayList<>();
        for (DeliveryRow row : deliveries) {
            if (claimed.size() >= limit) {
                break;
            }
            Subscription subscription = subscription(row.subscriptionId);
            boolean olderPending = deliveries.stream()
                    .anyMatch(other -> other != row
                            && other.subscriptionId == row.subscriptionId
                            && other.status.equals("PENDING")
                            && deliveries.indexOf(other) < deliveries.indexOf(row));
            if (!row.status.equals("PENDING")
                    || olderPending
                    || row.nextAttemptAt.isAfter(now)
                    || !row.leaseUntil.isBefore(now)
                    || subscription.state() != Subscription.State.ACTIVE
                    || !platforms.contains(subscription.channel().platform())) {
                continue;
            }
            boolean inDoubt = row.attempts > 0 && !row.outcomeRecorded;
            row.attempts++;
            row.outcomeRecorded = false;
            row.leaseOwner = Optional.of(owner);
            row.leaseUntil = now.plus(lease);
            claimed.add(new PendingDelivery(
                    row.domain,
                    row.run,
                    row.subscriptionId,
                    subscription.channel(),
                    row.notification,
                    owner,
                    new DeliveryAttempt(
                            PendingDelivery.idempotencyKey(row.domain, row.run, row.subscriptionId),
                            row.attempts,
                            inDoubt)));
        }
        return claimed;
    }

    @Override
    public synchronized void recordDelivered(PendingDelivery delivery, Instant now) {
        Optional<DeliveryRow> row = claimedRow(delivery);
        if (row.isEmpty()) {
            return;
        }
        row.get().status = "DELIVERED";
        row.get().outcomeRecorded = true;
        row.get().finishedAt = now;
        Subscription subscription = subscription(delivery.subscriptionId());
        subscriptions.put(subscription.id(), withFailures(subscription, 0, Optional.empty(), subscription.state()));
    }

    @Override
    public synchronized FailureOutcome recordDeliveryFailure(
            PendingDelivery delivery,
            String reason,
            Optional<Instant> retryAt,
            int maxConsecutiveFailures,
            Instant now) {
        Optional<DeliveryRow> row = claimedRow(delivery);
        if (row.isEmpty()) {
            return FailureOutcome.NONE;
        }
        row.get().outcomeRecorded = true;
        row.get().lastError = Optional.of(reason);
        row.get().leaseOwner = Optional.empty();
        row.get().leaseUntil = Instant.MIN;
        Subscription subscription = subscription(delivery.subscriptionId());
        if (retryAt.isPresent()) {
            row.get().nextAttemptAt = retryAt.get();
            return new FailureOutcome(subscription.consecutiveFailures(), false);
        }
        row.get().status = "FAILED";
        row.get().finishedAt = now;
        int failures = subscription.consecutiveFailures() + 1;
        boolean pause = failures >= maxConsecutiveFailures && subscription.state() == Subscription.State.ACTIVE;
        subscriptions.put(
                subscription.id(),
                withFailures(
                        subscription,
                        failures,
                        Optional.of(reason),
                        pause ? Subscription.State.PAUSED : subscription.state()));
        return new FailureOutcome(failures, pause);
    }

    private DomainRow existing(String domain) {
        DomainRow row = domains.get(domain);
        if (row == null) {
            throw new IllegalStateException("no domain row for " + domain);
        }
        return row;
    }

    private Subscription subscription(long id) {
        Subscription subscription = subscriptions.get(id);
        if (subscription == null) {
            throw new IllegalStateException("no subscription " + id);
        }
        return subscription;
    }

    /**
     * Pauses the channel's subscription as failed deliveries would (one failure, {@code reason}), for tests that
     * start from a paused subscription.
     */
    public synchronized void pause(ChannelRef channel, String domain, String reason) {
        subscriptions.replaceAll((id, subscription) ->
                subscription.channel().equals(channel) && subscription.domain().equals(domain)
                        ? withFailures(subscription, 1, Optional.of(reason), Subscription.State.PAUSED)
                        : subscription);
    }

    @Override
    public synchronized int purgeFinished(Instant before) {
        int size = deliveries.size();
        deliveries.removeIf(row -> !row.status.equals("PENDING") && row.finishedAt.isBefore(before));
        return size - deliveries.size();
    }

    /** The status of every delivery in the outbox ({@code PENDING}, {@code DELIVERED}, {@code FAILED}), oldest first. */
    public synchronized List<String> deliveryStatuses() {
        return deliveries.stream().map(row -> row.status).toList();
    }

    private Optional<DeliveryRow> claimedRow(PendingDelivery delivery) {
        return deliveries.stream()
                .filter(row -> row.domain.equals(delivery.domain())
                        && row.run == delivery.run()
                        && row.subscriptionId == delivery.subscriptionId()
                        && row.leaseOwner.equals(Optional.of(delivery.owner()))
                        && row.attempts == delivery.attempt().number()
                        && row.status.equals("PENDING"))
                .findFirst();
    }

    private Optional<Subscription> find(ChannelRef channel, String domain) {
        requireNonNull(channel, "channel is null");
        return subscriptions.values().stream()
                .filter(subscription -> subscription.channel().equals(channel)
                        && subscription.domain().equals(domain))
                .findFirst();
    }

    private static Subscription withFailures(
            Subscription subscription, int failures, Optional<String> lastFailure, Subscription.State state) {
        return new Subscription(
                subscription.id(),
                subscription.channel(),
                subscription.domain(),
                subscription.createdBy(),
                subscription.createdAt(),
                state,
                failures,
                lastFailure.isPresent() ? lastFailure : subscription.lastFailure());
    }
}
