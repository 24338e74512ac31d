package dev.mtasts.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.history.HistoryStore;
import dev.mtasts.testing.ObservationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bulk run leaves the embedded file compact, so the short commands after it do not pay for its garbage. */
class TestEmbeddedCompaction {
    private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path temporary;

    /** What a bulk run writes: one observation for each of many domains, 100 to a commit. */
    private static void bulkRun(JdbcHistoryStore store, int domains) {
        for (int first = 0; first < domains; first += 100) {
            List<HistoryStore.Entry> batch = new ArrayList<>();
            for (int index = first; index < first + 100; index++) {
                batch.add(new HistoryStore.Entry(
                        "d" + index + ".example",
                        ObservationBuilder.at(START.plusSeconds(index))
                                .id("id" + index)
                                .policy(HistoryStoreContract.POLICY)
                                .build()));
            }
            store.recordAll(batch);
        }
    }

    private static long size(Path directory) throws Exception {
        return Files.size(EmbeddedDatabase.file(directory));
    }

    @Test
    void aBulkRunThatAsksForItLeavesASmallerFileAndEveryObservation() throws Exception {
        Path plain = temporary.resolve("plain");
        Path compacted = temporary.resolve("compacted");
        try (JdbcHistoryStore store = JdbcHistoryStore.open(StoreSettings.embedded(plain), Clock.systemUTC())) {
            bulkRun(store, 3000);
        }
        try (JdbcHistoryStore store = JdbcHistoryStore.open(StoreSettings.embedded(compacted), Clock.systemUTC())
                .compactWhenClosed()) {
            bulkRun(store, 3000);
        }

        assertThat(size(compacted)).isLessThan(size(plain) / 2);
        Path trace = compacted.resolve(EmbeddedDatabase.DATABASE_NAME + ".trace.db");
        assertThat(Files.exists(trace) ? Files.readString(trace) : "").doesNotContain("already closed");
        try (JdbcHistoryStore store = JdbcHistoryStore.open(StoreSettings.embedded(compacted), Clock.systemUTC())) {
            assertThat(store.timeline("d0.example")).hasSize(1);
            assertThat(store.timeline("d2999.example")).hasSize(1);
        }
    }

    @Test
    void aDatabaseSharedWithAnotherUserIsLeftAlone() throws Exception {
        Path directory = temporary.resolve("shared");
        StoreSettings settings = StoreSettings.embedded(directory);
        try (JdbcHistoryStore bulk =
                        JdbcHistoryStore.open(settings, Clock.systemUTC()).compactWhenClosed();
                Connection other = DriverManager.getConnection(
                        EmbeddedDatabase.jdbcUrl(directory),
                        EmbeddedDatabase.USER,
                        EmbeddedDatabase.password(directory))) {
            bulkRun(bulk, 300);
            bulk.close();

            // nobody shut the database down under the other user's connection
            try (Statement statement = other.createStatement();
                    ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM mtasts_observation")) {
                assertThat(count.next()).isTrue();
                assertThat(count.getInt(1)).isEqualTo(300);
            }
        }
    }
}
