package dev.mtasts.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.subscription.SubscriptionOverview;
import dev.mtasts.store.subscription.JdbcSubscriptionStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code kill -9} of a process in the middle of history and subscription writes, on the embedded H2 database and on
 * PostgreSQL: every write it reported committed is there after a restart, and the database is consistent (the store
 * opens and migrates, no subscription without its domain row, no observation without its body).
 */
final class TestKilledWriters {
    private static PostgresServer postgres;

    @TempDir
    Path temporary;

    @BeforeAll
    static void startPostgres() throws Exception {
        try {
            postgres = PostgresServer.start();
        } catch (org.opentest4j.TestAbortedException e) {
            postgres = null; // the bundled binaries do not run here: the PostgreSQL cases are skipped
        }
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"h2, history", "h2, subscriptions", "postgresql, history", "postgresql, subscriptions"})
    void aKilledWriterLosesNothingCommittedAndLeavesTheDatabaseConsistent(String database, String what)
            throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                database.equals("h2") || postgres != null, "PostgreSQL does not run here");
        String target = database.equals("h2") ? temporary.resolve("data").toString() : postgres.newDatabase();
        int lastCommitted = killAfter(target, what, 30);

        StoreSettings settings = StoreWriter.settings(target);
        try (JdbcHistoryStore store = JdbcHistoryStore.open(settings, Clock.systemUTC())) {
            if (what.equals("history")) {
                List<String> ids = store.timeline("example.com").stream()
                        .map(observation -> observation.recordId().orElseThrow())
                        .toList();
                assertThat(ids.size()).isGreaterThanOrEqualTo(lastCommitted + 1);
                for (int index = 0; index < ids.size(); index++) {
                    assertThat(ids.get(index)).isEqualTo("kx" + index);
                }
                assertThat(store.timeline("example.com")).allSatisfy(observation -> assertThat(observation.body())
                        .isPresent());
            } else {
                Set<String> domains = new JdbcSubscriptionStore(store.dataSource(), store.describe())
                        .overview().stream()
                                .map(SubscriptionOverview::subscription)
                                .map(subscription -> subscription.domain())
                                .collect(Collectors.toSet());
                for (int index = 0; index <= lastCommitted; index++) {
                    assertThat(domains).contains(StoreWriter.domain("k", index));
                }
                // The schedules resume: every committed subscription's domain comes due after the restart.
                Set<String> due = new JdbcSubscriptionStore(store.dataSource(), store.describe())
                                .claimDueDomains(
                                        Set.of(dev.mtasts.core.subscription.Platform.SLACK),
                                        "restarted",
                                        java.time.Instant.parse("2027-01-01T00:00:00Z"),
                                        java.time.Duration.ofMinutes(5),
                                        10_000)
                                .stream()
                                .map(dev.mtasts.core.subscription.DomainLease::domain)
                                .collect(Collectors.toSet());
                for (int index = 0; index <= lastCommitted; index++) {
                    assertThat(due).contains(StoreWriter.domain("k", index));
                }
            }
            try (Connection connection = store.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                assertThat(
                                count(
                                        statement,
                                        "SELECT COUNT(*) FROM mtasts_subscription s WHERE NOT EXISTS"
                                                + " (SELECT 1 FROM mtasts_subscription_domain d WHERE d.domain_name = s.domain_name)"))
                        .isZero();
                assertThat(count(
                                statement,
                                "SELECT COUNT(*) FROM mtasts_observation o WHERE o.body_sha256 IS NOT"
                                        + " NULL AND NOT EXISTS (SELECT 1 FROM mtasts_policy_body b WHERE b.sha256 ="
                                        + " o.body_sha256)"))
                        .isZero();
            }
            // And it takes writes again after the restart.
            store.record(
                    "example.com",
                    dev.mtasts.testing.ObservationBuilder.at("2027-01-01T00:00:00Z")
                            .id("after")
                            .build());
        }
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Starts a writer, kills it with SIGKILL right after it reports {@code commits} commits; the last one reported. */
    private static int killAfter(String target, String what, int commits) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process writer = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        StoreWriter.class.getName(),
                        target,
                        "k",
                        "0",
                        what)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        int last = -1;
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    last = Integer.parseInt(line.substring("committed ".length()));
                    if (last >= commits) {
                        // SIGKILL while it is in the middle of the next write
                        writer.toHandle().destroyForcibly();
                        break;
                    }
                }
            }
        } catch (IOException e) {
            // the pipe broke as it died
        } finally {
            writer.destroyForcibly();
            writer.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(last).as("the writer reported commits").isEqualTo(commits);
        return last;
    }
}
