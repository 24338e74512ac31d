package dev.mtasts.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.CheckService;
import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.Report;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dispatcher's contract: admission, queue positions, coalescing, the cache, re-check and each rate limit. */
class TestCheckDispatcher {
    private static final Instant START = Instant.parse("2026-12-04T12:00:00Z");
    private static final DispatchSettings OPEN = DispatchSettings.defaults()
            .withPerUser(new RateLimit(1000, Duration.ofMillis(1)))
            .withPerPlace(new RateLimit(1000, Duration.ofMillis(1)))
            .withShutdownGrace(Duration.ofSeconds(2));

    private final MutableClock clock = new MutableClock(START);
    private final HeldRunner runner = new HeldRunner();
    private CheckDispatcher dispatcher;

    @AfterEach
    void close() {
        runner.releaseAll();
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    @Test
    void aCheckTellsStartedProgressAndTheReport() throws Exception {
        dispatcher = new CheckDispatcher(runner, OPEN, clock);
        Recorder recorder = new Recorder();
        assertThat(dispatcher.submit(request("alice", "example.com", false), recorder))
                .isEmpty();
        runner.release("example.com");
        Report report = recorder.awaitEnd(CheckEvent.Finished.class).report();
        assertThat(report.domain()).isEqualTo("example.com");
        assertThat(recorder.events)
                .extracting(event -> event.getClass().getSimpleName())
                .containsExactly("Started", "Progress", "Progress", "Finished");
        assertThat(((CheckEvent.Finished) recorder.events.getLast()).cached()).isFalse();
    }

    @Test
    void overlappingChecksOfOneDomainShareOneRun() throws Exception {
        dispatcher = new CheckDispatcher(runner, OPEN, clock);
        List<Recorder> recorders = new CopyOnWriteArrayList<>();
        for (int user = 0; user < 50; user++) {
            Recorder recorder = new Recorder();
            recorders.add(recorder);
            dispatcher.submit(request("user" + user, "example.com", false), recorder);
        }
        runner.release("example.com");
        for (Recorder recorder : recorders) {
            assertThat(recorder.awaitEnd(CheckEvent.Finished.class).report().domain())
                    .isEqualTo("example.com");
            assertThat(recorder.events).anyMatch(CheckEvent.Started.class::isInstance);
        }
        assertThat(runner.runs("example.com")).isEqualTo(1);
    }

    @Test
    void aLateJoinerIsToldTheProgressSoFar() throws Exception {
        dispatcher = new CheckDispatcher(runner, OPEN, clock);
        runner.stepwise("example.com");
        Recorder first = new Recorder();
        dispatcher.submit(request("alice", "example.com", false), first);
        first.await(event -> event instanceof CheckEvent.Progress);
        Recorder late = new Recorder();
        dispatcher.submit(request("bob", "example.com", false), late);
        late.await(event -> event instanceof CheckEvent.Progress);
        assertThat(late.events.getFirst()).isInstanceOf(CheckEvent.Started.class);
        runner.release("example.com");
        assertThat(late.awaitEnd(CheckEvent.Finished.class).report())
                .isSameAs(first.awaitEnd(CheckEvent.Finished.class).report());
    }

    @Test
    void aFreshResultAnswersFromTheCacheUntilItExpires() throws Exception {
        dispatcher = new CheckDispatcher(runner, OPEN.withCacheTtl(Duration.ofSeconds(60)), clock);
        runner.release("example.com");
        Recorder first = new Recorder();
        dispatcher.submit(request("alice", "example.com", false), first);
        first.awaitEnd(CheckEvent.Finished.class);

        clock.advance(Duration.ofSeconds(59));
        Recorder cached = new Recorder();
        Optional<CheckEvent> answer = dispatcher.submit(request("bob", "example.com", false), cached);
        assertThat(answer).containsInstanceOf(CheckEvent.Finished.class);
        assertThat(((CheckEvent.Finished) answer.get()).cached()).isTrue();
        assertThat(runner.runs("example.com")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        Recorder expired = new Recorder();
        assertThat(dispatcher.submit(request("carol", "example.com", false), expired))
                .isEmpty();
        assertThat(expired.awaitEnd(CheckEvent.Finished.class).cached()).isFalse();
        assertThat(runner.runs("example.com")).isEqualTo(2);
    }

    @Test
    void recheckBypassesTheCacheAfterTheCooldown() throws Exception {
        dispatcher = new CheckDispatcher(
                runner, OPEN.withCacheTtl(Duration.ofSeconds(60)).withRecheckCooldown(Duration.ofSeconds(15)), clock);
        runner.release("example.com");
        Recorder first = new Recorder();
        dispatcher.submit(request("alice", "example.com", false), first);
        first.awaitEnd(CheckEvent.Finished.class);

        clock.advance(Duration.ofSeconds(5));
        Recorder tooSoon = new Recorder();
        Optional<CheckEvent> limited = dispatcher.submit(request("alice", "example.com", true), tooSoon);
        assertThat(limited).containsInstanceOf(CheckEvent.Limited.class);
        CheckEvent.Limited refusal = (CheckEvent.Limited) limited.get();
        assertThat(refusal.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(refusal.reason()).contains("example.com", "10 s");

        clock.advance(Duration.ofSeconds(10));
        Recorder recheck = new Recorder();
        assertThat(dispatcher.submit(request("alice", "example.com", true), recheck))
                .isEmpty();
        assertThat(recheck.awaitEnd(CheckEvent.Finished.class).cached()).isFalse();
        assertThat(runner.runs("example.com")).isEqualTo(2);
    }

    @Test
    void aRecheckDuringARunJoinsIt() throws Exception {
        dispatcher = new CheckDispatcher(runner, OPEN, clock);
        Recorder first = new Recorder();
        dispatcher.submit(request("alice", "example.com", false), first);
        Recorder recheck = new Recorder();
        assertThat(dispatcher.submit(request("bob", "example.com", true), recheck))
                .isEmpty();
        runner.release("example.com");
        recheck.awaitEnd(CheckEvent.Finished.class);
        assertThat(runner.runs("example.com")).isEqualTo(1);
    }

    @Test
    void waitingChecksAreToldTheirPlaceAsTheQueueMoves() throws Exception {
        dispatcher = new CheckDispatcher(runner, OPEN.withWorkers(1).withQueueCapacity(3), clock);
        Recorder running = new Recorder();
        dispatcher.submit(request("u0", "a.example", false), running);
        running.await(CheckEvent.Started.class::isInstance);
        Recorder second = new Recorder();
        Recorder third = new Recorder();
        Recorder fourth = new Recorder();
        dispatcher.submit(request("u1", "b.example", false), second);
        dispatcher.submit(request("u2", "c.example", false), third);
        dispatcher.submit(request("u3", "d.example", false), fourth);
        assertThat(second.events).containsExactly(new CheckEvent.Queued(0));
        assertThat(third.events).containsExactly(new CheckEvent.Queued(1));
        assertThat(fourth.events).containsExactly(new CheckEvent.Queued(2));
        assertThat(dispatcher.load()).isEqualTo(new CheckDispatcher.Load(3, 1));

        Recorder joiner = new Recorder();
        dispatcher.submit(request("u4", "d.example", false), joiner);
        assertThat(joiner.events).containsExactly(new CheckEvent.Queued(2));

        Recorder refused = new Recorder();
        Optional<CheckEvent> busy = dispatcher.submit(request("u5", "e.example", false), refused);
        assertThat(busy).contains(new CheckEvent.Busy(3, false));

        runner.release("a.example");
        second.await(CheckEvent.Started.class::isInstance);
        third.await(event -> event.equals(new CheckEvent.Queued(0)));
        fourth.await(event -> event.equals(new CheckEvent.Queued(1)));
        joiner.await(event -> event.equals(new CheckEvent.Queued(1)));
        runner.release("b.example");
        runner.release("c.example");
        runner.release("d.example");
        fourth.awaitEnd(CheckEvent.Finished.class);
        joiner.awaitEnd(CheckEvent.Finished.class);
        assertThat(runner.runs("d.example")).isEqualTo(1);
    }

    @Test
    void theDefaultQueueRunsTwoHundredDifferentDomainsWithoutRefusing() throws Exception {
        dispatcher = new CheckDispatcher(
                runner, OPEN.withQueueCapacity(DispatchSettings.defaults().queueCapacity()), clock);
        runner.releaseAll();
        List<Recorder> recorders = new CopyOnWriteArrayList<>();
        for (int index = 0; index < 200; index++) {
            Recorder recorder = new Recorder();
            recorders.add(recorder);
            dispatcher.submit(request("u" + index, "d" + index + ".example", false), recorder);
        }
        for (Recorder recorder : recorders) {
            recorder.awaitEnd(CheckEvent.Finished.class);
        }
    }

    @Test
    void aUserIsLimitedAfterTheAllowanceAndToldWhenToRetry() throws Exception {
        dispatcher = new CheckDispatcher(runner, OPEN.withPerUser(new RateLimit(10, Duration.ofSeconds(6))), clock);
        runner.releaseAll();
        int limited = 0;
        for (int index = 0; index < 30; index++) {
            Recorder recorder = new Recorder();
            Optional<CheckEvent> answer =
                    dispatcher.submit(request("alice", "d" + index + ".example", false), recorder);
            if (answer.isPresent() && answer.get() instanceof CheckEvent.Limited refusal) {
                limited++;
                assertThat(index).isGreaterThanOrEqualTo(10);
                assertThat(refusal.retryAfter()).isEqualTo(Duration.ofSeconds(6));
                assertThat(refusal.reason()).contains("try again in 6 s");
            }
        }
        assertThat(limited).isEqualTo(20);
        Recorder other = new Recorder();
        assertThat(dispatcher.submit(request("bob", "x.example", false), other)).isEmpty();
        clock.advance(Duration.ofSeconds(6));
        assertThat(dispatcher.submit(request("alice", "y.example", false), new Recorder()))
                .isEmpty();
    }

    @Test
    void aPlaceIsLimitedAcrossItsUsers() {
        dispatcher = new CheckDispatcher(runner, OPEN.withPerPlace(new RateLimit(3, Duration.ofSeconds(20))), clock);
        for (int index = 0; index < 3; index++) {
            assertThat(dispatcher.submit(request("u" + index, "d.example", false), new Recorder()))
                    .isEmpty();
        }
        Optional<CheckEvent> refused = dispatcher.submit(request("u9", "d.example", false), new Recorder());
        assertThat(refused).containsInstanceOf(CheckEvent.Limited.class);
        assertThat(((CheckEvent.Limited) refused.get()).reason()).contains("here", "20 s");
        Origin elsewhere = new Origin("test", "u9", "other-channel", Origin.Visibility.PUBLIC);
        assertThat(dispatcher.submit(new CheckRequest(elsewhere, domain("d.example"), false), new Recorder()))
                .isEmpty();
        Origin otherFrontEnd = new Origin("web", "u9", "channel", Origin.Visibility.PRIVATE);
        assertThat(dispatcher.submit(new CheckRequest(otherFrontEnd, domain("d.example"), false), new Recorder()))
                .isEmpty();
    }

    @Test
    void aFailedCheckIsToldWithAReferenceAndIsNotCached() throws Exception {
        dispatcher = new CheckDispatcher(runner, OPEN, clock);
        runner.failing("broken.example");
        Recorder recorder = new Recorder();
        dispatcher.submit(request("alice", "broken.example", false), recorder);
        assertThat(recorder.awaitEnd(CheckEvent.Failed.class).reference()).hasSize(8);
        Recorder again = new Recorder();
        assertThat(dispatcher.submit(request("alice", "broken.example", false), again))
                .isEmpty();
    }

    @Test
    void closingHandsBackWaitingChecksAndRefusesNewOnes() throws Exception {
        dispatcher = new CheckDispatcher(runner, OPEN.withWorkers(1), clock);
        Recorder running = new Recorder();
        dispatcher.submit(request("u0", "a.example", false), running);
        Recorder waiting = new Recorder();
        dispatcher.submit(request("u1", "b.example", false), waiting);
        Thread closer = Thread.ofVirtual().start(dispatcher::close);
        waiting.await(event -> event.equals(new CheckEvent.Busy(1000, true)));
        runner.release("a.example");
        closer.join(5000);
        assertThat(running.awaitEnd(CheckEvent.Finished.class)).isNotNull();
        assertThat(dispatcher.submit(request("u2", "c.example", false), new Recorder()))
                .contains(new CheckEvent.Busy(1000, true));
    }

    private static CheckRequest request(String user, String domain, boolean recheck) {
        return new CheckRequest(new Origin("test", user, "channel", Origin.Visibility.PUBLIC), domain(domain), recheck);
    }

    private static DomainInput.Valid domain(String text) {
        return (DomainInput.Valid) DomainInput.parse(text);
    }

    /** Records events; waits for them. */
    static final class Recorder implements CheckListener {
        final List<CheckEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public synchronized void on(CheckEvent event) {
            events.add(event);
            notifyAll();
        }

        synchronized void await(java.util.function.Predicate<CheckEvent> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (events.stream().noneMatch(wanted)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("never told; got " + events);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        <T extends CheckEvent> T awaitEnd(Class<T> type) throws InterruptedException {
            await(type::isInstance);
            return events.stream()
                    .filter(type::isInstance)
                    .map(type::cast)
                    .findFirst()
                    .orElseThrow();
        }
    }

    /** Runs a two-check report per domain once the test releases the domain. */
    static final class HeldRunner implements DomainRunner {
        private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> midway = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
        private volatile boolean all;

        void release(String domain) {
            gate(domain).countDown();
        }

        void releaseAll() {
            all = true;
            gates.values().forEach(CountDownLatch::countDown);
        }

        /** The domain's first check finishes before the gate, the second after it. */
        void stepwise(String domain) {
            midway.put(domain, new CountDownLatch(0));
        }

        void failing(String domain) {
            failing.put(domain, true);
            release(domain);
        }

        int runs(String domain) {
            return runs.getOrDefault(domain, new AtomicInteger()).get();
        }

        private CountDownLatch gate(String domain) {
            return gates.computeIfAbsent(domain, ignored -> new CountDownLatch(all ? 0 : 1));
        }

        @Override
        public List<CheckService.CheckDefinition> checks() {
            return List.of(
                    new CheckService.CheckDefinition("alpha", "Alpha"),
                    new CheckService.CheckDefinition("beta", "Beta"));
        }

        @Override
        public Report check(DomainInput.Valid domain, ProgressListener progress) {
            runs.computeIfAbsent(domain.domain(), ignored -> new AtomicInteger())
                    .incrementAndGet();
            CheckReport alpha = CheckReport.completed("alpha", "Alpha", Duration.ZERO, List.of());
            CheckReport beta = CheckReport.completed("beta", "Beta", Duration.ZERO, List.of());
            boolean stepwise = midway.containsKey(domain.domain());
            if (stepwise) {
                progress.checkFinished(alpha, 1, 2);
            }
            try {
                if (!all && !gate(domain.domain()).await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (failing.containsKey(domain.domain())) {
                throw new IllegalStateException("boom");
            }
            if (!stepwise) {
                progress.checkFinished(alpha, 1, 2);
            }
            progress.checkFinished(beta, 2, 2);
            return new Report(
                    domain.domain(),
                    domain.input(),
                    Instant.EPOCH,
                    Duration.ZERO,
                    Optional.empty(),
                    List.of(alpha, beta));
        }
    }
}
