package dev.mtasts.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

final class TestStoreSettings {
    @Test
    void dataDirectoryFollowsFlagThenMtastsThenXdgThenHome() {
        Function<String, String> all = Map.of(
                "MTASTS_DATA_DIR", "/srv/mtasts",
                "XDG_DATA_HOME", "/home/ann/.data",
                "HOME", "/home/ann")::get;
        Function<String, String> xdg = Map.of("XDG_DATA_HOME", "/home/ann/.data", "HOME", "/home/ann")::get;
        Function<String, String> relativeXdg = Map.of("XDG_DATA_HOME", "data", "HOME", "/home/ann")::get;
        Function<String, String> home = Map.of("HOME", "/home/ann")::get;

        assertThat(DataDirectory.resolve(Optional.of(Path.of("/flag")), all)).isEqualTo(Path.of("/flag"));
        assertThat(DataDirectory.resolve(Optional.empty(), all)).isEqualTo(Path.of("/srv/mtasts"));
        assertThat(DataDirectory.resolve(Optional.empty(), xdg)).isEqualTo(Path.of("/home/ann/.data/mtasts"));
        assertThat(DataDirectory.resolve(Optional.empty(), relativeXdg))
                .as("XDG says relative paths are invalid and ignored")
                .isEqualTo(Path.of("/home/ann/.local/share/mtasts"));
        assertThat(DataDirectory.resolve(Optional.empty(), home)).isEqualTo(Path.of("/home/ann/.local/share/mtasts"));
    }

    @Test
    void environmentSelectsPostgresWithCredentialsAndRetention() {
        Map<String, String> environment = Map.of(
                "MTASTS_STORE_JDBC_URL", "jdbc:postgresql://db.internal:5432/mtasts",
                "MTASTS_STORE_USER", "bot",
                "MTASTS_STORE_PASSWORD", "s3cret",
                "MTASTS_STORE_RETENTION_DAYS", "90",
                "HOME", "/home/ann");

        StoreSettings settings = StoreSettings.fromEnvironment(Optional.empty(), environment::get);

        assertThat(settings.embedded()).isFalse();
        assertThat(settings.jdbcUrl()).contains("jdbc:postgresql://db.internal:5432/mtasts");
        assertThat(settings.user()).contains("bot");
        assertThat(settings.password()).contains("s3cret");
        assertThat(settings.retentionDays()).isEqualTo(90);
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void noEnvironmentMeansTheEmbeddedDefaultForAYear() {
        StoreSettings settings = StoreSettings.fromEnvironment(Optional.empty(), Map.of("HOME", "/home/ann")::get);

        assertThat(settings.embedded()).isTrue();
        assertThat(settings.retentionDays()).isEqualTo(365);
        assertThat(settings.dataDirectory()).isEqualTo(Path.of("/home/ann/.local/share/mtasts"));
    }

    @Test
    void badValuesAreRefusedWithAReason() {
        assertThatThrownBy(() -> StoreSettings.fromEnvironment(
                        Optional.empty(), Map.of("MTASTS_STORE_RETENTION_DAYS", "a year", "HOME", "/h")::get))
                .hasMessageContaining("MTASTS_STORE_RETENTION_DAYS");
        assertThatThrownBy(() -> StoreSettings.embedded(Path.of("/d")).withRetentionDays(0))
                .hasMessageContaining("1 to 3650");
        assertThatThrownBy(() -> StoreSettings.embedded(Path.of("/d"))
                        .withJdbcUrl(Optional.of("jdbc:mysql://u:p@host/db?password=x")))
                .hasMessageContaining("jdbc:postgresql:")
                .hasMessageNotContaining("password=x")
                .hasMessageNotContaining("u:p");
    }

    @Test
    void urlsLoseTheirSecretsInMessages() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://bot:pw@db:5432/mtasts?password=x&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/mtasts");
        assertThat(JdbcUrls.redact("jdbc:h2:file:/data/history;PASSWORD=x")).isEqualTo("jdbc:h2:file:/data/history");
    }
}
