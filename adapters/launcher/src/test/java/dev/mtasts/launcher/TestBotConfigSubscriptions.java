package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtasts.core.config.ConfigException;
import dev.mtasts.core.config.ConfigLoader;
import dev.mtasts.core.subscription.SubscriptionLimits;
import dev.mtasts.core.subscription.SubscriptionSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestBotConfigSubscriptions {
    @TempDir
    Path directory;

    @Test
    void defaults() {
        SubscriptionSettings settings = load("", Map.of()).subscriptions().settings();

        assertThat(settings.interval()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.jitter()).isEqualTo(0.1);
        assertThat(settings.limits()).isEqualTo(new SubscriptionLimits(50, 500));
        assertThat(settings.maxConsecutiveFailures()).isEqualTo(5);
        assertThat(settings.lease()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void everyKeyFromTheFile() {
        SubscriptionSettings settings = load("""
                        network:
                          timeout-seconds: 5
                        subscriptions:
                          interval: 2
                          jitter: 0
                          per-channel-limit: 3
                          per-workspace-limit: 7
                          max-consecutive-failures: 2
                          lease: PT10S
                        """, Map.of()).subscriptions().settings();

        assertThat(settings)
                .isEqualTo(new SubscriptionSettings(
                        Duration.ofSeconds(2),
                        0,
                        new SubscriptionLimits(3, 7),
                        2,
                        Duration.ofSeconds(10),
                        Duration.ofMillis(200)));
    }

    @Test
    void environmentOverridesTheFile() {
        SubscriptionSettings settings = load(
                        "subscriptions:\n  interval: PT2H\n",
                        Map.of("MTASTS_SUBSCRIPTIONS_INTERVAL", "pt30m", "MTASTS_SUBSCRIPTIONS_JITTER", "25%"))
                .subscriptions()
                .settings();

        assertThat(settings.interval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.jitter()).isEqualTo(0.25);
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void nonsenseIsAOneLineError() {
        assertThatThrownBy(() -> load("subscriptions:\n  interval: hourly\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("subscriptions.interval must be an ISO-8601 duration");
        assertThatThrownBy(() -> load("subscriptions:\n  jitter: 80%\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("subscriptions.jitter must be from 0% to 50%");
        assertThatThrownBy(() -> load("subscriptions:\n  per-channel-limit: 0\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("per-channel-limit");
        assertThatThrownBy(() -> load("subscriptions:\n  lease: PT30S\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("subscriptions.lease (PT30S) must be at least twice network.timeout-seconds");
        assertThatThrownBy(() -> load("subscriptions:\n  intervall: PT1H\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("did you mean 'interval'");
    }

    private BotConfig load(String yaml, Map<String, String> environment) {
        Path file = directory.resolve("mtasts.yml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new ConfigLoader(environment::get).load(Optional.of(file), BotConfig.class);
    }
}
