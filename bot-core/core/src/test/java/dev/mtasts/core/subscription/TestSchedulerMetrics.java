package dev.mtasts.core.subscription;

import static dev.mtasts.core.subscription.Fixtures.DOMAIN;
import static dev.mtasts.core.subscription.Fixtures.T0;
import static dev.mtasts.core.subscription.Fixtures.check;
import static dev.mtasts.core.subscription.Fixtures.fail;
import static dev.mtasts.core.subscription.Fixtures.healthy;
import static dev.mtasts.core.subscription.Fixtures.report;
import static dev.mtasts.core.subscription.Fixtures.sender;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.ProgressListener;
import dev.mtasts.core.input.DomainInput;
import dev.mtasts.core.metrics.Metrics;
import dev.mtasts.testing.MutableClock;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The scheduler's meters: notifications sent and failed by platform, and the lag of its passes. */
final class TestSchedulerMetrics {
    private static final Duration INTERVAL = Duration.ofHours(1);
    private static final SubscriptionSettings SETTINGS = new SubscriptionSettings(
            INTERVAL, 0, new SubscriptionLimits(3, 4), 2, Duration.ofMinutes(5), Duration.ofMillis(10));
    private static final ChannelRef OPS = new ChannelRef(Platform.SLACK, "T1", "C1");
    private static final ChannelRef GUILD = new ChannelRef(Platform.DISCORD, "111", "222");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemorySubscriptionStore store = new InMemorySubscriptionStore();
    private final FakeChecker checker = new FakeChecker(clock);
    private final FakeNotifier slack = new FakeNotifier(Platform.SLACK);
    private final FakeNotifier discord = new FakeNotifier(Platform.DISCORD);
    private final Metrics metrics = Metrics.inMemory();
    private final SubscriptionScheduler scheduler = new SubscriptionScheduler(
            store,
            checker,
            Set.of(slack, discord),
            SETTINGS,
            clock,
            RandomGenerator.of("L64X128MixRandom"),
            "one",
            metrics,
            Optional.empty());

    @Test
    void notificationsAreCountedByPlatformAndOutcome() {
        checker.answer(DOMAIN, at -> healthy(at, "1"));
        SubscriptionService service =
                new SubscriptionService(store, checker, SETTINGS, clock, RandomGenerator.of("L64X128MixRandom"));
        for (ChannelRef channel : new ChannelRef[] {OPS, GUILD}) {
            DomainInput.Valid input = (DomainInput.Valid) DomainInput.parse(DOMAIN);
            if (SubscriptionService.wantsBaseline(service.subscribe(channel, input, "U1"))) {
                service.recordBaseline(checker.check(input.domain(), ProgressListener.NONE));
            }
        }
        discord.answer(channel -> new DeliveryResult.TransientFailure("gateway down", Optional.empty()));
        checker.answer(
                DOMAIN,
                at -> report(
                        at,
                        Optional.of(sender("2", "testing", 86400, "mx1.example.com")),
                        check("mx-sync", fail("mx-unmatched", "mx2.example.org matches no mx line"))));

        clock.advance(INTERVAL);
        scheduler.runOnce();

        assertThat(count("slack", "sent")).isEqualTo(1);
        assertThat(count("discord", "failed")).isEqualTo(1);
        assertThat(count("slack", "failed")).isZero();
    }

    @Test
    void eachPassAfterTheFirstRecordsHowLateItStarted() throws Exception {
        scheduler.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (lag().count() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } finally {
            scheduler.stop();
        }
        assertThat(lag().count()).isGreaterThanOrEqualTo(2);
    }

    private Timer lag() {
        Timer timer = metrics.registry().find("mtasts.scheduler.lag").timer();
        return timer == null ? metrics.registry().timer("mtasts.scheduler.lag") : timer;
    }

    private double count(String platform, String outcome) {
        var counter = metrics.registry()
                .find("mtasts.notifications")
                .tag("platform", platform)
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
