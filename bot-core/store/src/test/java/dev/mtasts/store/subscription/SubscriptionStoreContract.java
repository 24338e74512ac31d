package dev.mtasts.store.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.Report;
import dev.mtasts.core.subscription.Change;
import dev.mtasts.core.subscription.ChannelRef;
import dev.mtasts.core.subscription.CheckCompletion;
import dev.mtasts.core.subscription.DomainLease;
import dev.mtasts.core.subscription.DomainState;
import dev.mtasts.core.subscription.DomainStates;
import dev.mtasts.core.subscription.Notification;
import dev.mtasts.core.subscription.PendingDelivery;
import dev.mtasts.core.subscription.Platform;
import dev.mtasts.core.subscription.SubscribeResult;
import dev.mtasts.core.subscription.Subscription;
import dev.mtasts.core.subscription.SubscriptionLimits;
import dev.mtasts.core.subscription.SubscriptionOverview;
import dev.mtasts.core.subscription.SubscriptionStore;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What the subscription store must do, run against the embedded H2 database and a real PostgreSQL: the same tests,
 * the same expectations.
 */
abstract class SubscriptionStoreContract {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Set<Platform> BOTH = Set.of(Platform.SLACK, Platform.DISCORD);
    static final SubscriptionLimits LIMITS = new SubscriptionLimits(3, 5);

    static final ChannelRef OPS = new ChannelRef(Platform.SLACK, "T1", "C1");
    static final ChannelRef MAIL = new ChannelRef(Platform.SLACK, "T1", "C2");
    static final ChannelRef OTHER_TEAM = new ChannelRef(Platform.SLACK, "T2", "C1");
    static final ChannelRef GUILD = new ChannelRef(Platform.DISCORD, "111", "222");

    /** A new, empty store. */
    abstract SubscriptionStore freshStore() throws Exception;

    @Test
    void subscribeListAndUnsubscribe() throws Exception {
        SubscriptionStore store = freshStore();

        SubscribeResult first = subscribe(store, OPS, "example.com");
        SubscribeResult again = subscribe(store, OPS, "example.com");
        subscribe(store, MAIL, "example.com");
        subscribe(store, GUILD, "example.org");

        assertThat(first).isInstanceOfSatisfying(SubscribeResult.Subscribed.class, subscribed -> {
            Subscription subscription = subscribed.subscription();
            assertThat(subscription.channel()).isEqualTo(OPS);
            assertThat(subscription.domain()).isEqualTo("example.com");
            assertThat(subscription.createdBy()).isEqualTo("U1");
            assertThat(subscription.createdAt()).isEqualTo(NOW);
            assertThat(subscription.state()).isEqualTo(Subscription.State.ACTIVE);
        });
        assertThat(again)
                .isEqualTo(new SubscribeResult.AlreadySubscribed(((SubscribeResult.Subscribed) first).subscription()));
        assertThat(store.list(OPS)).singleElement().satisfies(overview -> {
            assertThat(overview.lastStatus()).isEmpty();
            assertThat(overview.lastCheckedAt()).isEmpty();
            assertThat(overview.nextCheckAt()).contains(NOW.plus(Duration.ofHours(1)));
        });
        assertThat(store.overview())
                .extracting(overview -> overview.subscription().channel(), overview -> overview.subscription()
                        .domain())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(GUILD, "example.org"),
                        org.assertj.core.groups.Tuple.tuple(OPS, "example.com"),
                        org.assertj.core.groups.Tuple.tuple(MAIL, "example.com"));

        assertThat(store.unsubscribe(OPS, "example.com")).isTrue();
        assertThat(store.unsubscribe(OPS, "example.com")).isFalse();
        assertThat(store.list(OPS)).isEmpty();
        assertThat(store.list(MAIL)).hasSize(1);
    }

    @Test
    void limitsPerChannelAndPerWorkspace() throws Exception {
        SubscriptionStore store = freshStore();
        for (String domain : List.of("a.example", "b.example", "c.example")) {
            subscribe(store, OPS, domain);
        }

        assertThat(subscribe(store, OPS, "d.example"))
                .isEqualTo(new SubscribeResult.LimitReached(SubscribeResult.Scope.CHANNEL, 3));
        subscribe(store, MAIL, "d.example");
        subscribe(store, MAIL, "e.example");
        assertThat(subscribe(store, MAIL, "f.example"))
                .isEqualTo(new SubscribeResult.LimitReached(SubscribeResult.Scope.WORKSPACE, 5));
        assertThat(subscribe(store, OTHER_TEAM, "f.example")).isInstanceOf(SubscribeResult.Subscribed.class);
        assertThat(subscribe(store, GUILD, "f.example")).isInstanceOf(SubscribeResult.Subscribed.class);
    }

    @Test
    void concurrentSubscribesNeverOvershootTheWorkspaceLimit() throws Exception {
        SubscriptionStore store = freshStore();
        List<Callable<SubscribeResult>> attempts = new ArrayList<>();
        for (int channel = 0; channel < 4; channel++) {
            for (int domain = 0; domain < 3; domain++) {
                ChannelRef ref = new ChannelRef(Platform.SLACK, "T9", "C" + channel);
                String name = "d" + domain + ".example";
                attempts.add(() -> subscribe(store, ref, name));
            }
        }

        List<SubscribeResult> results = runTogether(attempts);

        assertThat(results)
                .filteredOn(SubscribeResult.Subscribed.class::isInstance)
                .hasSize(5);
        assertThat(store.overview()).hasSize(5);
    }

    @Test
    void baselineIsRecordedOnlyWhenTheDomainHasNone() throws Exception {
        SubscriptionStore store = freshStore();
        subscribe(store, OPS, "example.com");

        assertThat(store.recordBaseline("example.com", state("1", NOW), NOW.plus(Duration.ofMinutes(61))))
                .isTrue();
        assertThat(store.recordBaseline("example.com", state("2", NOW), NOW.plus(Duration.ofMinutes(90))))
                .isFalse();
        assertThat(store.recordBaseline("unfollowed.example", state("2", NOW), NOW))
                .isFalse();

        SubscriptionOverview overview = store.list(OPS).getFirst();
        assertThat(overview.lastStatus()).contains(Severity.PASS);
        assertThat(overview.lastCheckedAt()).contains(NOW);
        assertThat(overview.nextCheckAt()).contains(NOW.plus(Duration.ofMinutes(61)));
        clock(store, NOW.plus(Duration.ofHours(2)), lease -> assertThat(lease.state())
                .contains(state("1", NOW)));
    }

    @Test
    void onlyDueUnleasedDomainsFollowedOnTheGivenPlatformsAreClaimedOnce() throws Exception {
        SubscriptionStore store = freshStore();
        subscribe(store, OPS, "a.example");
        subscribe(store, GUILD, "b.example");
        store.subscribe(OPS, "later.example", "U1", LIMITS, NOW, NOW.plus(Duration.ofHours(3)));
        Instant due = NOW.plus(Duration.ofHours(1));

        assertThat(store.claimDueDomains(BOTH, "one", NOW, LEASE, 10)).isEmpty();
        assertThat(store.claimDueDomains(Set.of(Platform.DISCORD), "one", due, LEASE, 10))
                .extracting(DomainLease::domain)
                .containsExactly("b.example");
        List<DomainLease> slack = store.claimDueDomains(BOTH, "two", due, LEASE, 10);
        assertThat(slack).extracting(DomainLease::domain).containsExactly("a.example");
        assertThat(slack.getFirst().owner()).isEqualTo("two");
        assertThat(slack.getFirst().leaseUntil()).isEqualTo(due.plus(LEASE));
        assertThat(slack.getFirst().run()).isZero();
        assertThat(slack.getFirst().state()).isEmpty();
        assertThat(store.claimDueDomains(BOTH, "three", due.plus(LEASE), LEASE, 10))
                .as("a lease holds until it has run out")
                .isEmpty();
        assertThat(store.claimDueDomains(BOTH, "three", due.plus(LEASE).plusSeconds(1), LEASE, 10))
                .extracting(DomainLease::domain)
                .containsExactlyInAnyOrder("a.example", "b.example");
    }

    @Test
    void pausedSubscriptionsDoNotMakeADomainDue() throws Exception {
        SubscriptionStore store = freshStore();
        subscribe(store, OPS, "example.com");
        pause(store, OPS, "example.com");

        assertThat(store.claimDueDomains(BOTH, "one", NOW.plus(Duration.ofHours(2)), LEASE, 10))
                .isEmpty();
    }

    @Test
    void completingQueuesOneDeliveryPerActiveSubscriptionAndIsFencedByTheLease() throws Exception {
        SubscriptionStore store = freshStore();
        subscribe(store, OPS, "example.com");
        subscribe(store, GUILD, "example.com");
        subscribe(store, MAIL, "example.com");
        pause(store, MAIL, "example.com");
        Instant due = NOW.plus(Duration.ofHours(2));
        DomainLease stale = store.claimDueDomains(BOTH, "slow", due, LEASE, 10).getFirst();
        Instant later = due.plus(LEASE).plusSeconds(1);
        DomainLease lease =
                store.claimDueDomains(BOTH, "fast", later, LEASE, 10).getFirst();
        Notification notification = notification("2", later);

        assertThat(store.completeCheck(stale, announce("2", later, Optional.of(notification))))
                .as("the slow instance lost its lease")
                .isFalse();
        assertThat(store.completeCheck(lease, announce("2", later, Optional.of(notification))))
                .isTrue();
        assertThat(store.completeCheck(lease, announce("2", later, Optional.of(notification))))
                .as("a completion releases the lease")
                .isFalse();

        List<PendingDelivery> deliveries = store.claimDeliveries(BOTH, "fast", later, LEASE, 10);
        assertThat(deliveries).extracting(PendingDelivery::channel).containsExactlyInAnyOrder(OPS, GUILD);
        assertThat(deliveries).allSatisfy(delivery -> {
            assertThat(delivery.run()).isEqualTo(1);
            assertThat(delivery.notification()).isEqualTo(notification);
            assertThat(delivery.attempt().number()).isEqualTo(1);
            assertThat(delivery.attempt().inDoubt()).isFalse();
            assertThat(delivery.attempt().idempotencyKey())
                    .isEqualTo(PendingDelivery.idempotencyKey("example.com", 1, delivery.subscriptionId()));
        });
        SubscriptionOverview overview = store.list(OPS).getFirst();
        assertThat(overview.lastCheckedAt()).contains(later);
        assertThat(overview.lastStatus()).contains(Severity.PASS);
        assertThat(overview.nextCheckAt()).contains(later.plus(Duration.ofHours(1)));
        clock(store, later.plus(Duration.ofHours(2)), next -> {
            assertThat(next.run()).isEqualTo(1);
            assertThat(next.state()).contains(state("2", later));
        });
    }

    @Test
    void anUnconfirmedCheckKeepsTheStateAndSaysSoToTheNextClaim() throws Exception {
        SubscriptionStore store = freshStore();
        subscribe(store, OPS, "example.com");
        store.recordBaseline("example.com", state("1", NOW), NOW.plus(Duration.ofHours(1)));
        Instant due = NOW.plus(Duration.ofHours(1));
        DomainLease lease = store.claimDueDomains(BOTH, "one", due, LEASE, 10).getFirst();

        store.completeCheck(lease, CheckCompletion.unconfirmed(state("2", due), due.plus(Duration.ofMinutes(5))));

        DomainLease next = store.claimDueDomains(BOTH, "one", due.plus(Duration.ofMinutes(5)), LEASE, 10)
                .getFirst();
        assertThat(next.unconfirmed()).isTrue();
        assertThat(next.state()).contains(state("1", NOW));
        assertThat(store.claimDeliveries(BOTH, "one", due.plus(Duration.ofMinutes(5)), LEASE, 10))
                .isEmpty();
    }

    @Test
    void anAbandonedCheckIsDueAgainAtTheRetryTime() throws Exception {
        SubscriptionStore store = freshStore();
        subscribe(store, OPS, "example.com");
        Instant due = NOW.plus(Duration.ofHours(1));
        DomainLease lease = store.claimDueDomains(BOTH, "one", due, LEASE, 10).getFirst();

        store.abandonCheck(lease, due.plus(Duration.ofMinutes(5)));

        assertThat(store.claimDueDomains(BOTH, "two", due.plus(Duration.ofMinutes(4)), LEASE, 10))
                .isEmpty();
        assertThat(store.claimDueDomains(BOTH, "two", due.plus(Duration.ofMinutes(5)), LEASE, 10))
                .hasSize(1);
    }

    @Test
    void deliveriesOfOneChannelGoOutInOrderAndAnAttemptThatNeverReportedBackIsInDoubt() throws Exception {
        SubscriptionStore store = freshStore();
        subscribe(store, OPS, "example.com");
        Instant first = NOW.plus(Duration.ofHours(1));
        complete(store, first, "2");
        Instant second = first.plus(Duration.ofHours(1));
        complete(store, second, "3");

        List<PendingDelivery> claimed = store.claimDeliveries(BOTH, "dead", second, LEASE, 10);
        assertThat(claimed)
                .as("the older notification first, alone")
                .singleElement()
                .satisfies(delivery -> assertThat(delivery.run()).isEqualTo(1));
        assertThat(store.claimDeliveries(BOTH, "other", second.plus(LEASE), LEASE, 10))
                .as("its lease still holds")
                .isEmpty();

        List<PendingDelivery> retried =
                store.claimDeliveries(BOTH, "other", second.plus(LEASE).plusSeconds(1), LEASE, 10);
        assertThat(retried).singleElement().satisfies(delivery -> {
            assertThat(delivery.run()).isEqualTo(1);
            assertThat(delivery.attempt().number()).isEqualTo(2);
            assertThat(delivery.attempt().inDoubt()).isTrue();
            assertThat(delivery.attempt().idempotencyKey())
                    .isEqualTo(claimed.getFirst().attempt().idempotencyKey());
        });
        store.recordDelivered(claimed.getFirst(), second);
        assertThat(store.claimDeliveries(BOTH, "other", second.plus(LEASE).plusSeconds(2), LEASE, 10))
                .as("the dead instance's late outcome counts for nothing")
                .isEmpty();

        Instant done = second.plus(LEASE).plusSeconds(3);
        store.recordDelivered(retried.getFirst(), done);
        assertThat(store.claimDeliveries(BOTH, "other", done, LEASE, 10))
                .singleElement()
                .satisfies(delivery -> assertThat(delivery.run()).isEqualTo(2));
    }

    @Test
    void failuresAreRetriedOrCountedAndPauseTheSubscription() throws Exception {
        SubscriptionStore store = freshStore();
        subscribe(store, OPS, "example.com");
        Instant at = NOW.plus(Duration.ofHours(1));
        complete(store, at, "2");

        PendingDelivery first =
                store.claimDeliveries(BOTH, "one", at, LEASE, 10).getFirst();
        SubscriptionStore.FailureOutcome retry =
                store.recordDeliveryFailure(first, "ratelimited", Optional.of(at.plus(Duration.ofMinutes(2))), 2, at);
        assertThat(retry).isEqualTo(new SubscriptionStore.FailureOutcome(0, false));
        assertThat(store.claimDeliveries(BOTH, "one", at.plus(Duration.ofMinutes(1)), LEASE, 10))
                .isEmpty();
        PendingDelivery second = store.claimDeliveries(BOTH, "one", at.plus(Duration.ofMinutes(2)), LEASE, 10)
                .getFirst();
        assertThat(second.attempt().number()).isEqualTo(2);
        assertThat(second.attempt().inDoubt()).isFalse();

        SubscriptionStore.FailureOutcome counted =
                store.recordDeliveryFailure(second, "channel_not_found", Optional.empty(), 2, at);
        assertThat(counted).isEqualTo(new SubscriptionStore.FailureOutcome(1, false));
        complete(store, at.plus(Duration.ofHours(1)), "3");
        PendingDelivery third = store.claimDeliveries(BOTH, "one", at.plus(Duration.ofHours(1)), LEASE, 10)
                .getFirst();
        SubscriptionStore.FailureOutcome paused =
                store.recordDeliveryFailure(third, "channel_not_found", Optional.empty(), 2, at);

        assertThat(paused).isEqualTo(new SubscriptionStore.FailureOutcome(2, true));
        Subscription subscription = store.list(OPS).getFirst().subscription();
        assertThat(subscription.state()).isEqualTo(Subscription.State.PAUSED);
        assertThat(subscription.consecutiveFailures()).isEqualTo(2);
        assertThat(subscription.lastFailure()).contains("channel_not_found");
    }

    @Test
    void resumingResetsTheFailuresAndTheOnlyActiveChannelGetsAFreshBaseline() throws Exception {
        SubscriptionStore store = freshStore();
        subscribe(store, OPS, "example.com");
        store.recordBaseline("example.com", state("1", NOW), NOW.plus(Duration.ofHours(1)));
        pause(store, OPS, "example.com");

        SubscribeResult resumed = subscribe(store, OPS, "example.com");

        assertThat(resumed).isInstanceOfSatisfying(SubscribeResult.Resumed.class, result -> {
            assertThat(result.pausedAfter()).isEqualTo(1);
            assertThat(result.subscription().state()).isEqualTo(Subscription.State.ACTIVE);
            assertThat(result.subscription().consecutiveFailures()).isZero();
        });
        assertThat(store.recordBaseline("example.com", state("9", NOW), NOW.plus(Duration.ofHours(1))))
                .as("the stale state was dropped")
                .isTrue();
    }

    @Test
    void successResetsTheFailureCount() throws Exception {
        SubscriptionStore store = freshStore();
        subscribe(store, OPS, "example.com");
        Instant at = NOW.plus(Duration.ofHours(1));
        complete(store, at, "2");
        store.recordDeliveryFailure(
                store.claimDeliveries(BOTH, "one", at, LEASE, 10).getFirst(), "boom", Optional.empty(), 5, at);
        complete(store, at.plus(Duration.ofHours(1)), "3");

        store.recordDelivered(
                store.claimDeliveries(BOTH, "one", at.plus(Duration.ofHours(1)), LEASE, 10)
                        .getFirst(),
                at);

        assertThat(store.list(OPS).getFirst().subscription().consecutiveFailures())
                .isZero();
    }

    @Test
    void theLastUnsubscribeForgetsTheDomainAndItsOutbox() throws Exception {
        SubscriptionStore store = freshStore();
        subscribe(store, OPS, "example.com");
        Instant at = NOW.plus(Duration.ofHours(1));
        complete(store, at, "2");

        store.unsubscribe(OPS, "example.com");
        subscribe(store, OPS, "example.com");

        assertThat(store.claimDeliveries(BOTH, "one", at, LEASE, 10)).isEmpty();
        assertThat(store.recordBaseline("example.com", state("5", NOW), at))
                .as("a new start, without the old state")
                .isTrue();
        DomainLease lease = store.claimDueDomains(BOTH, "one", at.plus(Duration.ofHours(2)), LEASE, 10)
                .getFirst();
        assertThat(lease.run()).isZero();
    }

    @Test
    void finishedDeliveriesArePurgedPendingOnesKept() throws Exception {
        SubscriptionStore store = freshStore();
        subscribe(store, OPS, "example.com");
        subscribe(store, GUILD, "example.com");
        Instant at = NOW.plus(Duration.ofHours(1));
        complete(store, at, "2");
        PendingDelivery delivered = store.claimDeliveries(Set.of(Platform.SLACK), "one", at, LEASE, 10)
                .getFirst();
        store.recordDelivered(delivered, at);

        assertThat(store.purgeFinished(at)).isZero();
        assertThat(store.purgeFinished(at.plusSeconds(1))).isEqualTo(1);
        assertThat(store.claimDeliveries(Set.of(Platform.DISCORD), "one", at, LEASE, 10))
                .as("the pending one and its notification stay")
                .singleElement()
                .satisfies(
                        delivery -> assertThat(delivery.notification().domain()).isEqualTo("example.com"));
    }

    @Test
    void concurrentClaimsOfTheSameDomainsGiveEachToOneClaimant() throws Exception {
        SubscriptionStore store = freshStore();
        for (int index = 0; index < 12; index++) {
            store.subscribe(
                    new ChannelRef(Platform.SLACK, "T" + index, "C1"),
                    "d" + index + ".example",
                    "U1",
                    LIMITS,
                    NOW,
                    NOW.plus(Duration.ofHours(1)));
        }
        Instant due = NOW.plus(Duration.ofHours(1));
        List<Callable<List<DomainLease>>> claimants = new ArrayList<>();
        for (int claimant = 0; claimant < 6; claimant++) {
            String owner = "instance-" + claimant;
            claimants.add(() -> store.claimDueDomains(BOTH, owner, due, LEASE, 12));
        }

        List<String> claimed = runTogether(claimants).stream()
                .flatMap(List::stream)
                .map(DomainLease::domain)
                .toList();

        assertThat(claimed).hasSize(12).doesNotHaveDuplicates();
    }

    static SubscribeResult subscribe(SubscriptionStore store, ChannelRef channel, String domain) {
        return store.subscribe(channel, domain, "U1", LIMITS, NOW, NOW.plus(Duration.ofHours(1)));
    }

    /** Pauses the channel's subscription behind the store's back, as failed deliveries would have. */
    abstract void pause(SubscriptionStore store, ChannelRef channel, String domain) throws Exception;

    /** Claims the domain and completes a check at {@code at} that saw id {@code id}, with a notification. */
    static void complete(SubscriptionStore store, Instant at, String id) {
        DomainLease lease = store.claimDueDomains(BOTH, "one", at, LEASE, 10).getFirst();
        store.completeCheck(lease, announce(id, at, Optional.of(notification(id, at))));
    }

    static CheckCompletion announce(String id, Instant at, Optional<Notification> notification) {
        return CheckCompletion.announce(state(id, at), at.plus(Duration.ofHours(1)), notification);
    }

    static DomainState state(String id, Instant at) {
        return DomainStates.of(report(id, at));
    }

    static Report report(String id, Instant at) {
        return new Report(
                "example.com",
                "example.com",
                at,
                Duration.ofMillis(100),
                Optional.of(new dev.mtasts.spi.SenderView(
                        dev.mtasts.spi.SenderView.Outcome.VALID,
                        "Senders apply the policy",
                        Optional.of(new dev.mtasts.spi.SenderView.Policy(id, "enforce", 604800, List.of("mx1"))))),
                List.of(CheckReport.completed(
                        "dns-record", "MTA-STS DNS record", Duration.ofMillis(5), List.of(Finding.pass("ok", "OK")))));
    }

    static Notification notification(String id, Instant at) {
        return new Notification(
                "example.com", List.of(Change.of(Change.Kind.RECORD_ID, Change.Level.NOTICE, "1", id)), report(id, at));
    }

    /** Claims due domains at {@code at} and hands the lease of example.com to {@code inspect}. */
    static void clock(SubscriptionStore store, Instant at, java.util.function.Consumer<DomainLease> inspect) {
        inspect.accept(store.claimDueDomains(BOTH, "inspector", at, LEASE, 100).stream()
                .filter(lease -> lease.domain().equals("example.com"))
                .findFirst()
                .orElseThrow());
    }

    /** Runs the tasks on as many threads, released together, and returns their results. */
    static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = Collections.synchronizedList(new ArrayList<>());
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }
}
