package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtasts.core.config.ConfigException;
import dev.mtasts.core.config.ConfigLoader;
import dev.mtasts.core.dispatch.DispatchSettings;
import dev.mtasts.core.dispatch.RateLimit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestBotConfigDispatch {
    @TempDir
    Path directory;

    @Test
    void defaultsAreTheDispatchersAndLetTwoHundredCommandsRun() {
        DispatchSettings settings = load("", Map.of()).dispatch().settings();

        assertThat(settings).isEqualTo(DispatchSettings.defaults());
        assertThat(settings.queueCapacity()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void everyKeyFromTheFileAndPartialBucketsKeepTheirDefaults() {
        DispatchSettings settings = load("""
                        dispatch:
                          workers: 2
                          queue-capacity: 50
                          cache-seconds: 0
                          recheck-cooldown-seconds: 30
                          shutdown-grace-seconds: 5
                          per-user:
                            burst: 3
                          per-place:
                            burst: 40
                            refill-seconds: 1.5
                        """, Map.of()).dispatch().settings();

        assertThat(settings)
                .isEqualTo(new DispatchSettings(
                        2,
                        50,
                        Duration.ZERO,
                        new RateLimit(3, Duration.ofSeconds(6)),
                        new RateLimit(40, Duration.ofMillis(1500)),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(5)));
    }

    @Test
    void environmentOverridesTheFile() {
        DispatchSettings settings = load(
                        "dispatch:\n  workers: 2\n",
                        Map.of("MTASTS_DISPATCH_WORKERS", "16", "MTASTS_DISPATCH_PER_USER_BURST", "20"))
                .dispatch()
                .settings();

        assertThat(settings.workers()).isEqualTo(16);
        assertThat(settings.perUser()).isEqualTo(new RateLimit(20, Duration.ofSeconds(6)));
    }

    @Test
    void badValuesStopStartUpWithTheKey() {
        assertThatThrownBy(() -> load("dispatch:\n  workers: 0\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dispatch.workers must be 1 to 256");
        assertThatThrownBy(() -> load("dispatch:\n  per-user:\n    burst: 0\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dispatch.per-user.burst must be 1 to 1000000");
        assertThatThrownBy(() -> load("dispatch:\n  cache-seconds: -1\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dispatch.cache-seconds must be 0 to 86400");
    }

    private BotConfig load(String yaml, Map<String, String> environment) {
        try {
            Path file = Files.writeString(directory.resolve("mtasts.yml"), yaml);
            return new ConfigLoader(environment::get).load(Optional.of(file), BotConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
