package dev.mtasts.core.subscription;

import static dev.mtasts.core.subscription.Fixtures.DOMAIN;
import static dev.mtasts.core.subscription.Fixtures.T0;
import static dev.mtasts.core.subscription.Fixtures.check;
import static dev.mtasts.core.subscription.Fixtures.fail;
import static dev.mtasts.core.subscription.Fixtures.healthy;
import static dev.mtasts.core.subscription.Fixtures.report;
import static dev.mtasts.core.subscription.Fixtures.sender;
import static dev.mtasts.core.subscription.Fixtures.tlsRpt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.spi.Finding;
import dev.mtasts.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

final class TestSubscriptionScheduler {
    private static final Duration INTERVAL = Duration.ofHours(1);
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final SubscriptionSettings SETTINGS =
            new SubscriptionSettings(INTERVAL, 0, new SubscriptionLimits(3, 4), 2, LEASE, Duration.ofMillis(10));

    private static final ChannelRef OPS = new ChannelRef(Platform.SLACK, "T1", "C1");
    private static final ChannelRef MAIL = new ChannelRef(Platform.SLACK, "T1", "C2");
    private static final ChannelRef GUILD = new ChannelRef(Platform.DISCORD, "111", "222");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemorySubscriptionStore store = new InMemorySubscriptionStore();
    private final FakeChecker checker = new FakeChecker(clock);
    private final FakeNotifier slack = new FakeNotifier(Platform.SLACK);
    private final FakeNotifier discord = new FakeNotifier(Platform.DISCORD);
    private final SubscriptionService service =
            new SubscriptionService(store, checker, SETTINGS, clock, RandomGenerator.of("L64X128MixRandom"));

    @Test
    void subscribingChecksAtOnceAndReturnsTheBaseline() {
        checker.answer(DOMAIN, at -> healthy(at, "1"));

        Outcome outcome = subscribe(OPS);

        assertThat(outcome.result()).isInstanceOf(SubscribeResult.Subscribed.class);
        assertThat(outcome.baseline()).get().extracting(Report::domain).isEqualTo(DOMAIN);
        assertThat(checker.checks(DOMAIN)).isEqualTo(1);
        assertThat(store.list(OPS)).singleElement().satisfies(overview -> {
            assertThat(overview.lastCheckedAt()).contains(T0);
            assertThat(overview.nextCheckAt()).contains(T0.plus(INTERVAL));
        });
    }

    @Test
    void alreadySubscribedRunsNoCheck() {
        checker.answer(DOMAIN, at -> healthy(at, "1"));
        subscribe(OPS);

        Outcome again = subscribe(OPS);

        assertThat(again.result()).isInstanceOf(SubscribeResult.AlreadySubscribed.class);
        assertThat(again.baseline()).isEmpty();
        assertThat(checker.checks(DOMAIN)).isEqualTo(1);
    }

    @Test
    void limitsPerChannelAndPerWorkspace() {
        for (String domain : List.of("a.example", "b.example", "c.example", "d.example", "e.example")) {
            checker.answer(domain, at -> healthy(at, "1"));
        }
        subscribe(OPS, "a.example");
        subscribe(OPS, "b.example");
        subscribe(OPS, "c.example");

        assertThat(subscribe(OPS, "d.example").result())
                .isEqualTo(new SubscribeResult.LimitReached(SubscribeResult.Scope.CHANNEL, 3));
        subscribe(MAIL, "d.example");
        assertThat(subscribe(MAIL, "e.example").result())
                .isEqualTo(new SubscribeResult.LimitReached(SubscribeResult.Scope.WORKSPACE, 4));
        assertThat(subscribe(GUILD, "e.example").result()).isInstanceOf(SubscribeResult.Subscribed.class);
    }

    @Test
    void oneCheckPerDomainPerIntervalHoweverManyChannelsFollowIt() {
        checker.answer(DOMAIN, at -> healthy(at, "1"));
        subscribe(OPS);
        subscribe(MAIL);
        subscribe(GUILD);
        assertThat(checker.checks(DOMAIN))
                .as("each new subscription gets its baseline")
                .isEqualTo(3);
        SubscriptionScheduler scheduler = scheduler("one");

        assertThat(scheduler.runOnce().checked()).isZero();
        clock.advance(INTERVAL);
        SubscriptionScheduler.Pass pass = scheduler.runOnce();
        SubscriptionScheduler.Pass again = scheduler.runOnce();

        assertThat(pass.checked()).isEqualTo(1);
        assertThat(again.checked()).isZero();
        assertThat(checker.checks(DOMAIN)).isEqualTo(4);
        assertThat(slack.attempts()).isEmpty();
        assertThat(discord.attempts()).isEmpty();
    }

    @Test
    void whatIsNewInTheTlsReportsIsNotifiedWithItsLikelyFix() {
        checker.answer(DOMAIN, at -> healthy(at, "1"));
        subscribe(OPS);
        subscribe(GUILD);
        List<java.time.Duration> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        SubscriptionScheduler scheduler = new SubscriptionScheduler(
                store,
                checker,
                Set.of(slack, discord),
                SETTINGS,
                clock,
                RandomGenerator.of("L64X128MixRandom"),
                "one",
                dev.mtasts.core.metrics.Metrics.inMemory(),
                Optional.of((domain, recent) -> {
                    asked.add(recent);
                    return List.of(new TlsReportNews.News(
                            "new in the TLS reports: 4 sessions failed with certificate-host-mismatch"
                                    + " (mx2.example.com)",
                            List.of("mx2.example.com"),
                            List.of("Give mx2.example.com a certificate that names mx2.example.com.")));
                }));

        clock.advance(INTERVAL);
        SubscriptionScheduler.Pass pass = scheduler.runOnce();
        scheduler.runOnce();

        assertThat(asked).containsExactly(INTERVAL);
        assertThat(pass.notified()).isEqualTo(1);
        Notification notification = discord.delivered().getFirst().notification();
        assertThat(notification.changes()).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(Change.Kind.TLS_REPORTS);
            assertThat(change.level()).isEqualTo(Change.Level.ALERT);
        });
        assertThat(NotificationText.lines(notification))
                .containsExactly("New in the TLS reports: 4 sessions failed with certificate-host-mismatch"
                        + " (mx2.example.com). Likely fix: Give mx2.example.com a certificate that names"
                        + " mx2.example.com.");
        assertThat(slack.delivered()).extracting(FakeNotifier.Posted::channel).containsExactly(OPS);
    }

    @Test
    void aChangeIsPostedOnceToEveryActiveChannel() {
        checker.answer(DOMAIN, at -> healthy(at, "1"));
        subscribe(OPS);
        subscribe(MAIL);
        subscribe(GUILD);
        SubscriptionScheduler scheduler = scheduler("one");
        checker.answer(
                DOMAIN,
                at -> report(
                        at,
                        Optional.of(sender("2", "testing", 86400, "mx1.example.com")),
                        check("mx-sync", fail("mx-unmatched", "mx2.example.org matches no mx line"))));

        clock.advance(INTERVAL);
        SubscriptionScheduler.Pass pass = scheduler.runOnce();
        scheduler.runOnce();

        assertThat(pass.notified()).isEqualTo(1);
        assertThat(pass.delivered()).isEqualTo(3);
        assertThat(slack.delivered()).extracting(FakeNotifier.Posted::channel).containsExactlyInAnyOrder(OPS, MAIL);
        assertThat(discord.delivered()).extracting(FakeNotifier.Posted::channel).containsExactly(GUILD);
        Notification notification = discord.delivered().getFirst().notification();
        assertThat(notification.changes())
                .extracting(Change::kind)
                .contains(Change.Kind.STATUS, Change.Kind.RECORD_ID, Change.Kind.MODE, Change.Kind.NEW_PROBLEM);
        assertThat(notification.newProblems()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo("mx-unmatched");
            assertThat(finding.remediation()).isPresent();
        });
        assertThat(slack.delivered())
                .extracting(posted -> posted.attempt().idempotencyKey())
                .doesNotHaveDuplicates();

        clock.advance(INTERVAL);
        scheduler.runOnce();
        assertThat(slack.attempts()).hasSize(2);
        assertThat(discord.attempts()).hasSize(1);
    }

    @Test
    void permanentFailuresPauseTheSubscriptionAndSubscribingAgainResumesIt() {
        checker.answer(DOMAIN, at -> healthy(at, "1"));
        subscribe(OPS);
        subscribe(MAIL);
        slack.answer(channel -> channel.equals(OPS)
                ? new DeliveryResult.PermanentFailure("channel_not_found")
                : DeliveryResult.delivered());
        SubscriptionScheduler scheduler = scheduler("one");

        for (String id : List.of("2", "3", "4")) {
            checker.answer(DOMAIN, at -> healthy(at, id));
            clock.advance(INTERVAL);
            scheduler.runOnce();
        }

        assertThat(slack.attempts().stream().filter(posted -> posted.channel().equals(OPS)))
                .as("paused after the second failure, so the third change is not attempted")
                .hasSize(2);
        assertThat(slack.delivered())
                .filteredOn(posted -> posted.channel().equals(MAIL))
                .hasSize(3);
        Subscription paused = store.list(OPS).getFirst().subscription();
        assertThat(paused.state()).isEqualTo(Subscription.State.PAUSED);
        assertThat(paused.consecutiveFailures()).isEqualTo(2);
        assertThat(paused.lastFailure()).contains("channel_not_found");

        Outcome resumed = subscribe(OPS);
        assertThat(resumed.result())
                .isEqualTo(new SubscribeResult.Resumed(
                        new Subscription(
                                paused.id(),
                                OPS,
                                DOMAIN,
                                paused.createdBy(),
                                paused.createdAt(),
                                Subscription.State.ACTIVE,
                                0,
                                Optional.empty()),
                        2));
        assertThat(resumed.baseline()).isPresent();
    }

    @Test
    void successResetsTheFailureCount() {
        checker.answer(DOMAIN, at -> healthy(at, "1"));
        subscribe(OPS);
        slack.queue(new DeliveryResult.PermanentFailure("not_in_channel"), DeliveryResult.delivered());
        SubscriptionScheduler scheduler = scheduler("one");

        checker.answer(DOMAIN, at -> healthy(at, "2"));
        clock.advance(INTERVAL);
        scheduler.runOnce();
        assertThat(store.list(OPS).getFirst().subscription().consecutiveFailures())
                .isEqualTo(1);
        checker.answer(DOMAIN, at -> healthy(at, "3"));
        clock.advance(INTERVAL);
        scheduler.runOnce();

        assertThat(store.list(OPS).getFirst().subscription().consecutiveFailures())
                .isZero();
        assertThat(store.list(OPS).getFirst().subscription().state()).isEqualTo(Subscription.State.ACTIVE);
    }

    @Test
    void transientFailuresAreRetriedWithBackOffUnderTheSameKey() {
        checker.answer(DOMAIN, at -> healthy(at, "1"));
        subscribe(OPS);
        slack.queue(new DeliveryResult.TransientFailure("ratelimited", Optional.of(Duration.ofMinutes(3))));
        SubscriptionScheduler scheduler = scheduler("one");
        checker.answer(DOMAIN, at -> healthy(at, "2"));
        clock.advance(INTERVAL);

        scheduler.runOnce();
        clock.advance(Duration.ofMinutes(2));
        scheduler.runOnce();
        assertThat(slack.attempts()).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        scheduler.runOnce();

        assertThat(slack.attempts()).hasSize(2);
        assertThat(slack.attempts())
                .extracting(posted -> posted.attempt().idempotencyKey())
                .containsOnly(slack.attempts().getFirst().attempt().idempotencyKey());
        assertThat(slack.attempts())
                .extracting(posted -> posted.attempt().number())
                .containsExactly(1, 2);
        assertThat(slack.attempts())
                .extracting(posted -> posted.attempt().inDoubt())
                .containsExactly(false, false);
        assertThat(store.list(OPS).getFirst().subscription().consecutiveFailures())
                .isZero();
    }

    @Test
    void aDeliveryThatNeverStopsFailingTransientlyIsGivenUpAndCounted() {
        checker.answer(DOMAIN, at -> healthy(at, "1"));
        subscribe(OPS);
        slack.answer(channel -> DeliveryResult.transientFailure("HTTP 503"));
        SubscriptionScheduler scheduler = scheduler("one");
        checker.answer(DOMAIN, at -> healthy(at, "2"));
        clock.advance(INTERVAL);

        for (int pass = 0; pass < 20; pass++) {
            scheduler.runOnce();
            clock.advance(Duration.ofMinutes(30));
        }

        assertThat(slack.attempts()).hasSize(SubscriptionScheduler.MAX_DELIVERY_ATTEMPTS);
        assertThat(store.deliveryStatuses()).containsExactly("FAILED");
        assertThat(store.list(OPS).getFirst().subscription().consecutiveFailures())
                .isEqualTo(1);
    }

    @Test
    void changesWithAnInconclusiveFindingAreConfirmedByASecondCheck() {
        checker.answer(DOMAIN, at -> healthy(at, "1"));
        subscribe(OPS);
        SubscriptionScheduler scheduler = scheduler("one");
        checker.answer(DOMAIN, TestSubscriptionScheduler::timedOut);

        clock.advance(INTERVAL);
        scheduler.runOnce();
        assertThat(slack.attempts()).isEmpty();
        assertThat(store.list(OPS).getFirst().nextCheckAt())
                .contains(clock.instant().plus(Duration.ofMinutes(5)));

        clock.advance(Duration.ofMinutes(5));
        scheduler.runOnce();

        assertThat(slack.delivered()).singleElement().satisfies(posted -> assertThat(
                        posted.notification().changes())
                .extracting(Change::kind)
                .contains(Change.Kind.NEW_PROBLEM));
    }

    @Test
    void aBlipIsNeverAnnounced() {
        checker.answer(DOMAIN, at -> healthy(at, "1"));
        subscribe(OPS);
        SubscriptionScheduler scheduler = scheduler("one");

        checker.answer(DOMAIN, TestSubscriptionScheduler::timedOut);
        clock.advance(INTERVAL);
        scheduler.runOnce();
        checker.answer(DOMAIN, at -> healthy(at, "1"));
        clock.advance(Duration.ofMinutes(5));
        scheduler.runOnce();
        clock.advance(INTERVAL);
        scheduler.runOnce();

        assertThat(checker.checks(DOMAIN)).isEqualTo(4);
        assertThat(slack.attempts()).isEmpty();
    }

    @Test
    void aCheckThatThrowsIsRetriedLater() {
        checker.answer(DOMAIN, at -> healthy(at, "1"));
        subscribe(OPS);
        SubscriptionScheduler scheduler = scheduler("one");
        checker.beforeAnswer(() -> {
            throw new IllegalStateException("resolver exploded");
        });

        clock.advance(INTERVAL);
        scheduler.runOnce();

        assertThat(store.list(OPS).getFirst().nextCheckAt())
                .contains(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(store.list(OPS).getFirst().lastCheckedAt()).contains(T0);
    }

    @Test
    void domainsFollowedOnlyOnPlatformsThisInstanceCannotReachAreLeftAlone() {
        checker.answer(DOMAIN, at -> healthy(at, "1"));
        subscribe(GUILD);
        SubscriptionScheduler slackOnly = new SubscriptionScheduler(
                store,
                checker,
                Set.of(slack),
                SETTINGS,
                clock,
                RandomGenerator.of("L64X128MixRandom"),
                "slack-only",
                dev.mtasts.core.metrics.Metrics.inMemory(),
                java.util.Optional.empty());

        clock.advance(INTERVAL);

        assertThat(slackOnly.runOnce().checked()).isZero();
        assertThat(scheduler("both").runOnce().checked()).isEqualTo(1);
    }

    @Test
    void aCheckThatOutlivesItsLeaseIsTakenOverAndItsLateResultDiscarded() throws Exception {
        checker.answer(DOMAIN, at -> healthy(at, "1"));
        subscribe(OPS);
        subscribe(GUILD);
        checker.answer(DOMAIN, at -> healthy(at, "2"));
        clock.advance(INTERVAL);
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        checker.beforeAnswer(() -> {
            if (first.getAndSet(false)) {
                blocked.countDown();
                awaitUninterruptibly(release);
            }
        });
        SubscriptionScheduler slow = scheduler("slow");
        SubscriptionScheduler fast = scheduler("fast");
        Thread slowPass = Thread.ofVirtual().start(slow::runOnce);
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(fast.runOnce().checked()).as("the lease still holds").isZero();
        clock.advance(LEASE.plusSeconds(1));
        SubscriptionScheduler.Pass takeover = fast.runOnce();
        release.countDown();
        slowPass.join(Duration.ofSeconds(10));

        assertThat(takeover.checked()).isEqualTo(1);
        assertThat(checker.checks(DOMAIN))
                .as("two baselines, the slow check and the takeover")
                .isEqualTo(4);
        assertThat(slack.delivered()).hasSize(1);
        assertThat(discord.delivered()).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        fast.runOnce();
        slow.runOnce();
        assertThat(slack.attempts()).hasSize(1);
        assertThat(discord.attempts()).hasSize(1);
    }

    @Test
    void aDeliveryLeftInDoubtByADeadInstanceIsRetriedWithTheSameKeyAndFlagged() {
        checker.answer(DOMAIN, at -> healthy(at, "1"));
        subscribe(OPS);
        checker.answer(DOMAIN, at -> healthy(at, "2"));
        clock.advance(INTERVAL);
        SubscriptionScheduler scheduler = scheduler("survivor");
        // the dead instance checks and claims the delivery, then dies
        List<DomainLease> leases = store.claimDueDomains(Set.of(Platform.SLACK), "dead", clock.instant(), LEASE, 8);
        Report checked = checker.check(DOMAIN, ProgressListener.NONE);
        ChangeDetector.Detection detection =
                ChangeDetector.detect(leases.getFirst().state(), checker.state(checked), clock.instant());
        store.completeCheck(
                leases.getFirst(),
                CheckCompletion.announce(
                        detection.state(),
                        clock.instant().plus(INTERVAL),
                        Optional.of(new Notification(DOMAIN, detection.changes(), checked))));
        PendingDelivery claimed = store.claimDeliveries(Set.of(Platform.SLACK), "dead", clock.instant(), LEASE, 8)
                .getFirst();

        scheduler.runOnce();
        assertThat(slack.attempts()).as("the dead instance's lease still holds").isEmpty();
        clock.advance(LEASE.plusSeconds(1));
        scheduler.runOnce();

        assertThat(slack.attempts()).singleElement().satisfies(posted -> {
            assertThat(posted.attempt().idempotencyKey())
                    .isEqualTo(claimed.attempt().idempotencyKey());
            assertThat(posted.attempt().number()).isEqualTo(2);
            assertThat(posted.attempt().inDoubt()).isTrue();
        });
    }

    @Test
    void stoppingLetsTheCheckInProgressFinishAndClaimsNothingMore() throws Exception {
        checker.answer(DOMAIN, at -> healthy(at, "1"));
        subscribe(OPS);
        checker.answer(DOMAIN, at -> healthy(at, "2"));
        clock.advance(INTERVAL);
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        checker.beforeAnswer(() -> {
            if (first.getAndSet(false)) {
                blocked.countDown();
                awaitUninterruptibly(release);
            }
        });
        SubscriptionScheduler scheduler = scheduler("stopping");
        scheduler.start();
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();

        Thread stopper = Thread.ofVirtual().start(scheduler::stop);
        awaitWaiting(stopper);
        assertThat(store.claimDueDomains(Set.of(Platform.SLACK), "other", clock.instant(), LEASE, 8))
                .as("the check in progress keeps its lease")
                .isEmpty();
        release.countDown();
        stopper.join(Duration.ofSeconds(10));

        assertThat(stopper.isAlive()).isFalse();
        assertThat(store.list(OPS).getFirst().lastCheckedAt()).contains(clock.instant());
        assertThat(store.list(OPS).getFirst().nextCheckAt())
                .contains(clock.instant().plus(INTERVAL));
        assertThat(slack.attempts())
                .as("a stopping instance leaves deliveries to the others")
                .isEmpty();
        assertThat(store.claimDeliveries(Set.of(Platform.SLACK), "other", clock.instant(), LEASE, 8))
                .hasSize(1);
    }

    @Test
    void finishedDeliveriesArePurgedAfterAWeek() {
        checker.answer(DOMAIN, at -> healthy(at, "1"));
        subscribe(OPS);
        SubscriptionScheduler scheduler = scheduler("one");
        checker.answer(DOMAIN, at -> healthy(at, "2"));
        clock.advance(INTERVAL);
        scheduler.runOnce();
        assertThat(store.deliveryStatuses()).containsExactly("DELIVERED");

        clock.advance(SubscriptionScheduler.KEEP_FINISHED.minusHours(2));
        scheduler.runOnce();
        assertThat(store.deliveryStatuses()).containsExactly("DELIVERED");
        clock.advance(Duration.ofHours(3));
        scheduler.runOnce();

        assertThat(store.deliveryStatuses()).isEmpty();
    }

    @Test
    void backOffDoublesUpToHalfAnHourAndHonoursRetryAfter() {
        assertThat(SubscriptionScheduler.backoff(1, Optional.empty())).isEqualTo(Duration.ofMinutes(1));
        assertThat(SubscriptionScheduler.backoff(3, Optional.empty())).isEqualTo(Duration.ofMinutes(4));
        assertThat(SubscriptionScheduler.backoff(8, Optional.empty())).isEqualTo(Duration.ofMinutes(30));
        assertThat(SubscriptionScheduler.backoff(1, Optional.of(Duration.ofMinutes(10))))
                .isEqualTo(Duration.ofMinutes(10));
    }

    private SubscriptionScheduler scheduler(String owner) {
        return new SubscriptionScheduler(
                store,
                checker,
                Set.of(slack, discord),
                SETTINGS,
                clock,
                RandomGenerator.of("L64X128MixRandom"),
                owner,
                dev.mtasts.core.metrics.Metrics.inMemory(),
                java.util.Optional.empty());
    }

    private Outcome subscribe(ChannelRef channel) {
        return subscribe(channel, DOMAIN);
    }

    /** Subscribes as a front end does: the store, then the baseline when one is wanted. */
    private Outcome subscribe(ChannelRef channel, String domain) {
        DomainInput.Valid input = (DomainInput.Valid) DomainInput.parse(domain);
        SubscribeResult result = service.subscribe(channel, input, "U1");
        Optional<Report> baseline =
                SubscriptionService.wantsBaseline(result) ? Optional.of(baseline(input)) : Optional.empty();
        return new Outcome(result, baseline);
    }

    /** What a front end does for a baseline: check the domain, post the report, record it. */
    private Report baseline(DomainInput.Valid input) {
        Report report = checker.check(input.domain(), ProgressListener.NONE);
        service.recordBaseline(report);
        return report;
    }

    private record Outcome(SubscribeResult result, Optional<Report> baseline) {}

    private static Report timedOut(Instant at) {
        return report(
                at,
                Optional.of(sender("1", "enforce", 604800, "mx1.example.com", "*.mail.example.net")),
                check("dns-record", Finding.pass("sts-record-valid", "One valid record")),
                check("policy-syntax", fail("check-timeout", "The policy-syntax check did not finish")),
                tlsRpt(
                        dev.mtasts.spi.Fact.TlsRptRecord.Publication.VALID,
                        Finding.pass("tlsrpt-record-valid", "TLS-RPT is published")));
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits (bounded) until {@code thread} waits, i.e. {@code stop()} has asked the loop to end and joins it. */
    static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("stop() never started waiting");
            }
            Thread.sleep(1);
        }
    }
}
