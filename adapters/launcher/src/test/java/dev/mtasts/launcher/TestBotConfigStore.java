package dev.mtasts.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtasts.core.config.ConfigException;
import dev.mtasts.core.config.ConfigLoader;
import dev.mtasts.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code store} section of the serve configuration: defaults, full mapping, environment overrides. */
final class TestBotConfigStore {
    @TempDir
    Path directory;

    @Test
    void defaultsAreTheEmbeddedStoreInTheUserDataDirectoryForAYear() {
        BotConfig config = new ConfigLoader(Map.<String, String>of()::get).load(Optional.empty(), BotConfig.class);

        StoreSettings settings = config.store().settings(Optional.empty(), Map.of("HOME", "/home/bot")::get);

        assertThat(settings.embedded()).isTrue();
        assertThat(settings.dataDirectory()).isEqualTo(Path.of("/home/bot/.local/share/mtasts"));
        assertThat(settings.retentionDays()).isEqualTo(365);
    }

    @Test
    void everyKeyMaps() throws Exception {
        Path file = Files.writeString(
                directory.resolve("mtasts.yml"),
                "store:\n  jdbc-url: jdbc:postgresql://db:5432/mtasts\n  data-dir: /var/lib/mtasts\n"
                        + "  retention-days: 90\n");

        BotConfig config = new ConfigLoader(Map.<String, String>of()::get).load(Optional.of(file), BotConfig.class);
        StoreSettings settings = config.store()
                .settings(Optional.empty(), Map.of("MTASTS_STORE_USER", "bot", "MTASTS_STORE_PASSWORD", "pw")::get);

        assertThat(settings.jdbcUrl()).contains("jdbc:postgresql://db:5432/mtasts");
        assertThat(settings.dataDirectory()).isEqualTo(Path.of("/var/lib/mtasts"));
        assertThat(settings.retentionDays()).isEqualTo(90);
        assertThat(settings.user()).contains("bot");
        assertThat(settings.password()).contains("pw");
    }

    @Test
    void theEnvironmentOverridesTheFileAndTheFlagOverridesBoth() throws Exception {
        Path file = Files.writeString(directory.resolve("mtasts.yml"), "store:\n  data-dir: /var/lib/mtasts\n");
        Map<String, String> environment = Map.of(
                "MTASTS_STORE_JDBC_URL", "jdbc:postgresql://env-db/mtasts",
                "MTASTS_STORE_RETENTION_DAYS", "30",
                "MTASTS_STORE_DATA_DIR", "/srv/mtasts");

        BotConfig config = new ConfigLoader(environment::get).load(Optional.of(file), BotConfig.class);

        assertThat(config.store().jdbcUrl()).isEqualTo("jdbc:postgresql://env-db/mtasts");
        assertThat(config.store().retentionDays()).isEqualTo(30);
        assertThat(config.store().settings(Optional.empty(), environment::get).dataDirectory())
                .isEqualTo(Path.of("/srv/mtasts"));
        assertThat(config.store()
                        .settings(Optional.of(Path.of("/flag")), environment::get)
                        .dataDirectory())
                .isEqualTo(Path.of("/flag"));
    }

    @Test
    void badValuesFailWithTheKey() throws Exception {
        Path retention = Files.writeString(directory.resolve("a.yml"), "store:\n  retention-days: 0\n");
        Path url = Files.writeString(directory.resolve("b.yml"), "store:\n  jdbc-url: jdbc:mysql://db/x\n");
        Path typo = Files.writeString(directory.resolve("c.yml"), "store:\n  retention-day: 30\n");
        ConfigLoader loader = new ConfigLoader(Map.<String, String>of()::get);

        assertThatThrownBy(() -> loader.load(Optional.of(retention), BotConfig.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("store.retention-days must be 1 to 3650");
        assertThatThrownBy(() -> loader.load(Optional.of(url), BotConfig.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("store.jdbc-url");
        assertThatThrownBy(() -> loader.load(Optional.of(typo), BotConfig.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("did you mean 'retention-days'");
    }
}
