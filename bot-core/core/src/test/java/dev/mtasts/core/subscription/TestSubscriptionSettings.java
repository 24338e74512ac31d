package dev.mtasts.core.subscription;

import static dev.mtasts.core.subscription.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

final class TestSubscriptionSettings {
    @Test
    void nextCheckStaysWithinTheJitter() {
        SubscriptionSettings settings = SubscriptionSettings.defaults();
        RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
        Set<Instant> seen = new HashSet<>();

        for (int index = 0; index < 1000; index++) {
            Instant next = settings.nextCheck(T0, random);
            assertThat(next).isBetween(T0.plus(Duration.ofMinutes(54)), T0.plus(Duration.ofMinutes(66)));
            seen.add(next);
        }

        assertThat(seen).as("jitter spreads the checks").hasSizeGreaterThan(900);
    }

    @Test
    void noJitterIsExactlyOneInterval() {
        SubscriptionSettings settings = new SubscriptionSettings(
                Duration.ofSeconds(2),
                0,
                new SubscriptionLimits(1, 1),
                1,
                Duration.ofSeconds(30),
                Duration.ofMillis(100));

        assertThat(settings.nextCheck(T0, RandomGenerator.getDefault())).isEqualTo(T0.plusSeconds(2));
        assertThat(settings.retry(T0))
                .as("retries never wait longer than the interval")
                .isEqualTo(T0.plusSeconds(2));
        assertThat(SubscriptionSettings.defaults().retry(T0)).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new SubscriptionSettings(
                        Duration.ZERO,
                        0,
                        new SubscriptionLimits(1, 1),
                        1,
                        Duration.ofMinutes(1),
                        Duration.ofSeconds(1)))
                .hasMessageContaining("interval");
        assertThatThrownBy(() -> new SubscriptionSettings(
                        Duration.ofHours(1),
                        0.9,
                        new SubscriptionLimits(1, 1),
                        1,
                        Duration.ofMinutes(1),
                        Duration.ofSeconds(1)))
                .hasMessageContaining("jitter");
        assertThatThrownBy(() -> new SubscriptionLimits(50, 10)).hasMessageContaining("per-workspace");
    }
}
