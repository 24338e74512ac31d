package dev.mtasts.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtasts.core.history.HistoryStoreException;
import dev.mtasts.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TestRetention {
    private static final Instant START = Instant.parse("2026-12-05T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final Retention retention = new Retention(Duration.ofDays(30), clock, "the test rows");
    private final AtomicInteger prunes = new AtomicInteger();

    @Test
    void theFirstWriteAppliesRetentionAndTheNextHourOfWritesDoesNot() {
        retention.applyIfDue(prunes::incrementAndGet);
        clock.advance(Duration.ofMinutes(59));
        retention.applyIfDue(prunes::incrementAndGet);
        assertThat(prunes).hasValue(1);

        clock.advance(Duration.ofMinutes(1));
        retention.applyIfDue(prunes::incrementAndGet);
        assertThat(prunes).hasValue(2);
    }

    @Test
    void theCutoffIsThePeriodAgoAndCountsAsApplyingRetention() {
        assertThat(retention.cutoff()).isEqualTo(START.minus(Duration.ofDays(30)));

        retention.applyIfDue(prunes::incrementAndGet);
        assertThat(prunes).hasValue(0);
    }

    @Test
    void aFailedPruneIsLoggedNotThrownAndWaitsForTheNextInterval() {
        retention.applyIfDue(() -> {
            throw new HistoryStoreException("cannot apply retention: database is full", null);
        });
        retention.applyIfDue(prunes::incrementAndGet);
        assertThat(prunes).hasValue(0);

        clock.advance(Duration.ofHours(1));
        retention.applyIfDue(prunes::incrementAndGet);
        assertThat(prunes).hasValue(1);
    }

    @Test
    void aPeriodMustBePositive() {
        assertThatThrownBy(() -> new Retention(Duration.ZERO, clock, "the test rows"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retention must be positive");
    }
}
