package dev.mtasts.store.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.subscription.ChannelRef;
import dev.mtasts.core.subscription.DeliveryAttempt;
import dev.mtasts.core.subscription.DeliveryResult;
import dev.mtasts.core.subscription.DomainChecker;
import dev.mtasts.core.subscription.Notification;
import dev.mtasts.core.subscription.Notifier;
import dev.mtasts.core.subscription.Platform;
import dev.mtasts.core.subscription.SubscriptionLimits;
import dev.mtasts.core.subscription.SubscriptionScheduler;
import dev.mtasts.core.subscription.SubscriptionService;
import dev.mtasts.core.subscription.SubscriptionSettings;
import dev.mtasts.core.subscription.SubscriptionStore;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.SenderView;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several scheduler instances against one database, as {@code mtasts serve} runs them: each due check runs once,
 * each notification reaches each channel once, and an instance that dies mid-lease is taken over.
 */
abstract class SchedulerContract {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Duration INTERVAL = Duration.ofSeconds(30);
    static final Duration LEASE = Duration.ofMinutes(1);
    static final SubscriptionSettings SETTINGS =
            new SubscriptionSettings(INTERVAL, 0, new SubscriptionLimits(50, 500), 3, LEASE, Duration.ofMillis(20));

    final MutableClock clock = new MutableClock(T0);
    final CountingChecker checker = new CountingChecker(clock);
    final RecordingNotifier slack = new RecordingNotifier(Platform.SLACK);
    final RecordingNotifier discord = new RecordingNotifier(Platform.DISCORD);
    private final List<JdbcHistoryStore> opened = new ArrayList<>();
    private final List<SubscriptionScheduler> started = new ArrayList<>();

    /** Settings for a new, empty database. */
    abstract StoreSettings freshSettings() throws Exception;

    final SubscriptionStore open(StoreSettings settings) {
        JdbcHistoryStore history = JdbcHistoryStore.open(settings, Clock.systemUTC());
        opened.add(history);
        return new JdbcSubscriptionStore(history.dataSource(), history.describe());
    }

    final SubscriptionScheduler scheduler(SubscriptionStore store, String owner) {
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

    @AfterEach
    final void closeAll() {
        started.forEach(SubscriptionScheduler::stop);
        closeAllStores();
    }

    /** Closes every store opened so far, as a process that exits does. */
    final void closeAllStores() {
        opened.forEach(JdbcHistoryStore::close);
        opened.clear();
    }

    @Test
    void twoInstancesCheckEachDueDomainExactlyOnceAndPostEachChangeOnce() throws Exception {
        StoreSettings database = freshSettings();
        SubscriptionStore first = open(database);
        SubscriptionStore second = open(database);
        List<String> domains = new ArrayList<>();
        for (int index = 0; index < 20; index++) {
            String domain = "d" + index + ".example";
            domains.add(domain);
            subscribe(first, new ChannelRef(Platform.SLACK, "T1", "C" + index), domain);
            subscribe(first, new ChannelRef(Platform.DISCORD, "G1", "D" + index), domain);
        }
        SubscriptionScheduler one = scheduler(first, "one");
        SubscriptionScheduler two = scheduler(second, "two");
        checker.reset();
        domains.forEach(domain -> checker.answer(domain, "2"));
        clock.advance(INTERVAL);

        SchedulerPasses passes = runTogether(one, two);

        assertThat(passes.checked()).isEqualTo(20);
        for (String domain : domains) {
            assertThat(checker.checks(domain)).as(domain).isEqualTo(1);
        }
        assertThat(slack.keys()).hasSize(20).doesNotHaveDuplicates();
        assertThat(discord.keys()).hasSize(20).doesNotHaveDuplicates();

        SchedulerPasses quiet = runTogether(one, two);
        assertThat(quiet.checked()).as("nothing is due until the next interval").isZero();
        clock.advance(INTERVAL);
        SchedulerPasses unchanged = runTogether(one, two);
        assertThat(unchanged.checked()).isEqualTo(20);
        assertThat(slack.keys()).as("no change, no post").hasSize(20);
    }

    @Test
    void anInstanceStoppedMidLeaseIsTakenOverWithoutDuplicatePosts() throws Exception {
        StoreSettings database = freshSettings();
        SubscriptionStore first = open(database);
        SubscriptionStore second = open(database);
        ChannelRef channel = new ChannelRef(Platform.SLACK, "T1", "C1");
        subscribe(first, channel, "example.com");
        checker.answer("example.com", "2");
        clock.advance(INTERVAL);
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        checker.holdNext(blocked, release);
        SubscriptionScheduler doomed = scheduler(first, "doomed");
        SubscriptionScheduler survivor = scheduler(second, "survivor");
        Thread dying = Thread.ofVirtual().start(doomed::runOnce);
        assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue();

        assertThat(survivor.runOnce().checked()).as("the lease still holds").isZero();
        clock.advance(LEASE.plusSeconds(1));
        SubscriptionScheduler.Pass takeover = survivor.runOnce();
        release.countDown();
        dying.join(Duration.ofSeconds(30));
        doomed.runOnce();
        survivor.runOnce();

        assertThat(takeover.checked()).isEqualTo(1);
        assertThat(takeover.delivered()).isEqualTo(1);
        assertThat(checker.checks("example.com"))
                .as("the doomed check and the takeover (the baseline used its own checker)")
                .isEqualTo(2);
        assertThat(slack.posts()).hasSize(1);
    }

    @Test
    void aStoppingInstanceFinishesItsCheckAndLeavesTheDeliveryToTheOthers() throws Exception {
        StoreSettings database = freshSettings();
        SubscriptionStore first = open(database);
        SubscriptionStore second = open(database);
        subscribe(first, new ChannelRef(Platform.SLACK, "T1", "C1"), "example.com");
        checker.answer("example.com", "2");
        clock.advance(INTERVAL);
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        checker.holdNext(blocked, release);
        SubscriptionScheduler stopping = scheduler(first, "stopping");
        stopping.start();
        started.add(stopping);
        assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue();

        Thread stopper = Thread.ofVirtual().start(stopping::stop);
        awaitWaiting(stopper);
        release.countDown();
        stopper.join(Duration.ofSeconds(30));
        SubscriptionScheduler.Pass next = scheduler(second, "next").runOnce();

        assertThat(stopper.isAlive()).isFalse();
        assertThat(next.checked())
                .as("the stopping instance completed its check")
                .isZero();
        assertThat(checker.checks("example.com")).isEqualTo(1);
        assertThat(slack.posts()).hasSize(1);
    }

    @Test
    void aDeliveryInDoubtIsRetriedByTheOtherInstanceUnderTheSameKey() throws Exception {
        StoreSettings database = freshSettings();
        SubscriptionStore first = open(database);
        SubscriptionStore second = open(database);
        subscribe(first, new ChannelRef(Platform.SLACK, "T1", "C1"), "example.com");
        checker.answer("example.com", "2");
        clock.advance(INTERVAL);
        CountDownLatch posting = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        slack.holdNext(posting, never);
        SubscriptionScheduler doomed = scheduler(first, "doomed");
        Thread.ofVirtual().start(doomed::runOnce);
        assertThat(posting.await(30, TimeUnit.SECONDS)).isTrue();

        clock.advance(LEASE.plusSeconds(1));
        scheduler(second, "survivor").runOnce();

        never.countDown();

        assertThat(slack.attempts()).hasSize(2);
        assertThat(slack.attempts().get(1).inDoubt()).isTrue();
        assertThat(slack.attempts().get(1).idempotencyKey())
                .isEqualTo(slack.attempts().get(0).idempotencyKey());
        assertThat(slack.posts()).hasSize(1);
    }

    static void subscribe(SubscriptionStore store, ChannelRef channel, String domain) {
        CountingChecker baseline = new CountingChecker(fixed()).answering(domain, "1");
        SubscriptionService service =
                new SubscriptionService(store, baseline, SETTINGS, fixed(), RandomGenerator.getDefault());
        DomainInput.Valid input = (DomainInput.Valid) DomainInput.parse(domain);
        if (SubscriptionService.wantsBaseline(service.subscribe(channel, input, "U1"))) {
            service.recordBaseline(baseline.check(input.domain(), ProgressListener.NONE));
        }
    }

    private static Clock fixed() {
        return Clock.fixed(T0, java.time.ZoneOffset.UTC);
    }

    static SchedulerPasses runTogether(SubscriptionScheduler... schedulers) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<SubscriptionScheduler.Pass> passes = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (SubscriptionScheduler scheduler : schedulers) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                passes.add(scheduler.runOnce());
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(60));
        }
        return new SchedulerPasses(passes);
    }

    record SchedulerPasses(List<SubscriptionScheduler.Pass> passes) {
        int checked() {
            return passes.stream().mapToInt(SubscriptionScheduler.Pass::checked).sum();
        }
    }

    /** Answers a report with the record id the test set for the domain, stamped now, counting the checks. */
    static final class CountingChecker implements DomainChecker {
        private final Clock clock;
        private final Map<String, String> ids = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        private volatile Optional<CountDownLatch[]> hold = Optional.empty();

        CountingChecker(Clock clock) {
            this.clock = clock;
        }

        CountingChecker answering(String domain, String id) {
            answer(domain, id);
            return this;
        }

        void answer(String domain, String id) {
            ids.put(domain, id);
        }

        void reset() {
            counts.clear();
        }

        int checks(String domain) {
            AtomicInteger count = counts.get(domain);
            return count == null ? 0 : count.get();
        }

        /** The next check signals {@code blocked}, then waits for {@code release}, ignoring interrupts. */
        void holdNext(CountDownLatch blocked, CountDownLatch release) {
            hold = Optional.of(new CountDownLatch[] {blocked, release});
        }

        @Override
        public Report check(String domain, ProgressListener progress) {
            counts.computeIfAbsent(domain, key -> new AtomicInteger()).incrementAndGet();
            Optional<CountDownLatch[]> held = hold;
            if (held.isPresent()) {
                hold = Optional.empty();
                held.get()[0].countDown();
                try {
                    if (!held.get()[1].await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException("interrupted while checking", e);
                }
            }
            String id = ids.getOrDefault(domain, "1");
            return new Report(
                    domain,
                    domain,
                    clock.instant(),
                    Duration.ofMillis(10),
                    Optional.of(new SenderView(
                            SenderView.Outcome.VALID,
                            "Senders apply the policy",
                            Optional.of(new SenderView.Policy(id, "enforce", 604800, List.of("mx1." + domain))))),
                    List.of(CheckReport.completed(
                            "dns-record",
                            "MTA-STS DNS record",
                            Duration.ofMillis(5),
                            List.of(Finding.pass("sts-record-valid", "One valid record")))));
        }
    }

    /** Records every attempt; answers delivered, or holds one attempt forever as an instance that died mid-post. */
    static final class RecordingNotifier implements Notifier {
        private final Platform platform;
        private final List<DeliveryAttempt> attempts = new CopyOnWriteArrayList<>();
        private final List<ChannelRef> posts = new CopyOnWriteArrayList<>();
        private volatile Optional<CountDownLatch[]> hold = Optional.empty();

        RecordingNotifier(Platform platform) {
            this.platform = platform;
        }

        void holdNext(CountDownLatch posting, CountDownLatch release) {
            hold = Optional.of(new CountDownLatch[] {posting, release});
        }

        List<DeliveryAttempt> attempts() {
            return List.copyOf(attempts);
        }

        List<ChannelRef> posts() {
            return List.copyOf(posts);
        }

        List<String> keys() {
            return attempts.stream().map(DeliveryAttempt::idempotencyKey).toList();
        }

        @Override
        public Platform platform() {
            return platform;
        }

        @Override
        public DeliveryResult deliver(ChannelRef channel, Notification notification, DeliveryAttempt attempt) {
            attempts.add(attempt);
            Optional<CountDownLatch[]> held = hold;
            if (held.isPresent()) {
                hold = Optional.empty();
                held.get()[0].countDown();
                try {
                    held.get()[1].await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return DeliveryResult.transientFailure("the instance died");
            }
            posts.add(channel);
            return DeliveryResult.delivered();
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
