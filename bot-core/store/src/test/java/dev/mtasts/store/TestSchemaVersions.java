package dev.mtasts.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.testing.ObservationBuilder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a store whose schema is current skips Flyway; anything else still migrates (and validates). */
final class TestSchemaVersions {
    @TempDir
    Path temporary;

    @Test
    void theShippedMigrationsAreListedFromTheClassPath() {
        assertThat(SchemaVersions.shipped(getClass().getClassLoader()))
                .hasValueSatisfying(versions -> assertThat(versions).contains("1", "2", "100", "200"));
    }

    @Test
    void versionsCompareAsFlywayDoes() {
        assertThat(SchemaVersions.normalise("1")).isEqualTo("1");
        assertThat(SchemaVersions.normalise("1.0")).isEqualTo("1");
        assertThat(SchemaVersions.normalise("01_2")).isEqualTo("1.2");
        assertThat(SchemaVersions.normalise("200")).isEqualTo("200");
    }

    @Test
    void aNewDatabaseIsNotCurrentAndAMigratedOneIs() throws Exception {
        StoreSettings settings = StoreSettings.embedded(temporary.resolve("data"));
        EmbeddedDatabase.prepare(settings.dataDirectory());
        JdbcDataSource plain = dataSource(settings);
        assertThat(SchemaVersions.current(
                        plain, "mtasts_schema_history", getClass().getClassLoader()))
                .isFalse();

        JdbcHistoryStore.open(settings, Clock.systemUTC()).close();

        assertThat(SchemaVersions.current(
                        plain, "mtasts_schema_history", getClass().getClassLoader()))
                .isTrue();
        try (Connection connection = plain.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE \"mtasts_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '2'");
        }
        assertThat(SchemaVersions.current(
                        plain, "mtasts_schema_history", getClass().getClassLoader()))
                .isFalse();
    }

    @Test
    void aCurrentSchemaOpensWithoutFlywayValidatingIt() throws Exception {
        StoreSettings settings = StoreSettings.embedded(temporary.resolve("data"));
        JdbcHistoryStore first = JdbcHistoryStore.open(settings, Clock.systemUTC());
        first.record("example.com", ObservationBuilder.at(Instant.now()).id("1").build());
        first.close();
        // Flyway's validation would refuse a changed checksum; a current schema is not handed to Flyway at all
        try (Connection connection = connect(settings);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE \"mtasts_schema_history\" SET \"checksum\" = 12345");
        }

        try (JdbcHistoryStore reopened = JdbcHistoryStore.open(settings, Clock.systemUTC())) {
            assertThat(reopened.timeline("example.com")).hasSize(1);
        }
    }

    @Test
    void aDatabaseMissingAMigrationIsStillMigrated() throws Exception {
        StoreSettings settings = StoreSettings.embedded(temporary.resolve("data"));
        JdbcHistoryStore.open(settings, Clock.systemUTC()).close();
        try (Connection connection = connect(settings);
                Statement statement = connection.createStatement()) {
            // the newest migration (V400), as when a new release meets an older database
            statement.executeUpdate("DROP INDEX mtasts_observation_state");
            statement.executeUpdate("DELETE FROM \"mtasts_schema_history\" WHERE \"version\" = '400'");
        }

        JdbcHistoryStore.open(settings, Clock.systemUTC()).close();

        assertThat(SchemaVersions.current(
                        dataSource(settings),
                        "mtasts_schema_history",
                        getClass().getClassLoader()))
                .isTrue();
    }

    private static JdbcDataSource dataSource(StoreSettings settings) throws Exception {
        JdbcDataSource source = new JdbcDataSource();
        source.setURL(EmbeddedDatabase.jdbcUrl(settings.dataDirectory()));
        source.setUser(EmbeddedDatabase.USER);
        source.setPassword(EmbeddedDatabase.password(settings.dataDirectory()));
        return source;
    }

    private static Connection connect(StoreSettings settings) throws Exception {
        return DriverManager.getConnection(
                EmbeddedDatabase.jdbcUrl(settings.dataDirectory()),
                EmbeddedDatabase.USER,
                EmbeddedDatabase.password(settings.dataDirectory()));
    }
}
