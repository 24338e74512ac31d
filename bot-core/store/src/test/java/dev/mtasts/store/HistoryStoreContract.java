package dev.mtasts.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.history.HistoryStore;
import dev.mtasts.core.history.WriteBehindHistoryStore;
import dev.mtasts.spi.Observation;
import dev.mtasts.spi.Severity;
import dev.mtasts.testing.ObservationBuilder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every history store must do, run against the embedded H2 database and a real PostgreSQL: the same tests, the
 * same expectations.
 */
abstract class HistoryStoreContract {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    static final String POLICY = "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n";

    private final MutableClock clock = new MutableClock(NOW);
    private final List<JdbcHistoryStore> opened = new ArrayList<>();

    /** Settings for a new, empty store location. */
    abstract StoreSettings freshSettings() throws Exception;

    /** A plain JDBC connection to the store's database, to look behind the store's back. */
    abstract Connection connect(StoreSettings settings) throws Exception;

    final JdbcHistoryStore open(StoreSettings settings) {
        JdbcHistoryStore store = JdbcHistoryStore.open(settings, clock);
        opened.add(store);
        return store;
    }

    @AfterEach
    final void closeStores() {
        opened.forEach(JdbcHistoryStore::close);
    }

    @Test
    void everyFieldRoundTrips() throws Exception {
        JdbcHistoryStore store = open(freshSettings());
        Observation full = ObservationBuilder.at(NOW)
                .id("20261128T1200")
                .policy("version: STSv1\nmode: testing\nmx: mx1.example.com\nmx: *.mx.example.net\nmax_age: 86400\n"
                        + "comment: déjà vu ✓\n")
                .lastModified("2026-11-27T08:00:00Z")
                .etag("W/\"5f-abc\"")
                .mxHosts("mx1.example.com", "mx2.example.com")
                .certificateNotAfter("2027-02-01T00:00:00Z")
                .status(Severity.WARN)
                .findings("id-looks-stale", "mx-not-covered")
                .build();
        Observation empty = ObservationBuilder.at(NOW.plusSeconds(1))
                .status(Severity.FAIL)
                .findings("record-missing")
                .build();

        store.record("example.com", full);
        store.record("example.com", empty);

        assertThat(store.timeline("example.com")).containsExactly(full, empty);
    }

    @Test
    void recentIsNewestFirstAndLimitedTimelineIsOldestFirst() throws Exception {
        JdbcHistoryStore store = open(freshSettings());
        List<Observation> observations = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            Observation observation = ObservationBuilder.at(NOW.minus(Duration.ofDays(10 - day)))
                    .id("id" + day)
                    .policy(POLICY)
                    .build();
            observations.add(observation);
        }
        // Recorded out of order: the store orders by check time, not by arrival.
        store.record("example.com", observations.get(2));
        store.record("example.com", observations.get(0));
        store.record("example.com", observations.get(4));
        store.record("example.com", observations.get(1));
        store.record("example.com", observations.get(3));

        assertThat(store.recent("example.com", 3))
                .containsExactly(observations.get(4), observations.get(3), observations.get(2));
        assertThat(store.timeline("example.com")).containsExactlyElementsOf(observations);
    }

    @Test
    void domainsAreKeptApartAndMatchedWithoutCaseOrTrailingDot() throws Exception {
        JdbcHistoryStore store = open(freshSettings());
        Observation first = ObservationBuilder.at(NOW).id("a").build();
        Observation second = ObservationBuilder.at(NOW).id("b").build();

        store.record("example.com", first);
        store.record("example.org", second);

        assertThat(store.timeline("EXAMPLE.com.")).containsExactly(first);
        assertThat(store.recent("example.org", 10)).containsExactly(second);
        assertThat(store.timeline("example.net")).isEmpty();
    }

    @Test
    void aBodyIsStoredOnceHoweverOftenItIsSeen() throws Exception {
        StoreSettings settings = freshSettings();
        JdbcHistoryStore store = open(settings);
        for (int index = 0; index < 3; index++) {
            // Two hours apart: an unchanged observation within the hour is not stored at all.
            store.record(
                    "example.com",
                    ObservationBuilder.at(NOW.plus(Duration.ofHours(2 * index)))
                            .id("1")
                            .policy(POLICY)
                            .build());
            store.record(
                    "example.org",
                    ObservationBuilder.at(NOW.plus(Duration.ofHours(2 * index)))
                            .id("1")
                            .policy(POLICY)
                            .build());
        }
        store.record(
                "example.com",
                ObservationBuilder.at(NOW.plus(Duration.ofHours(9)))
                        .id("2")
                        .policy(POLICY + "x: y\n")
                        .build());

        assertThat(count(settings, "mtasts_policy_body")).isEqualTo(2);
        assertThat(count(settings, "mtasts_observation")).isEqualTo(7);
        assertThat(store.timeline("example.org"))
                .allSatisfy(observation -> assertThat(observation.body()).contains(POLICY));
    }

    @Test
    void anUnchangedDomainKeepsOneObservationPerChangePlusOnePerHour() throws Exception {
        StoreSettings settings = freshSettings();
        JdbcHistoryStore store = open(settings);
        // Someone checks their own domain every minute for 10 hours; it changes once, at minute 300.
        for (int minute = 0; minute < 600; minute++) {
            store.record(
                    "example.com",
                    ObservationBuilder.at(NOW.plus(Duration.ofMinutes(minute)))
                            .id(minute < 300 ? "1" : "2")
                            .policy(POLICY)
                            .build());
        }

        List<Observation> timeline = store.timeline("example.com");
        assertThat(timeline).hasSizeBetween(10, 12);
        assertThat(timeline)
                .extracting(observation -> observation.checkedAt())
                .contains(NOW, NOW.plus(Duration.ofMinutes(300)));
        assertThat(count(settings, "mtasts_observation")).isEqualTo(timeline.size());
    }

    @Test
    void whatADomainChoosesIsStoredWithinCaps() throws Exception {
        StoreSettings settings = freshSettings();
        JdbcHistoryStore store = open(settings);
        String[] hosts = new String[3000];
        for (int index = 0; index < hosts.length; index++) {
            hosts[index] = "mx" + index + ".example.com";
        }
        String hugeEtag = "\"" + "e".repeat(100_000) + "\"";
        store.record(
                "example.com",
                ObservationBuilder.at(NOW).id("1").etag(hugeEtag).mxHosts(hosts).build());
        store.record(
                "example.com",
                ObservationBuilder.at(NOW.plus(Duration.ofHours(2)))
                        .id("1")
                        .etag(hugeEtag)
                        .mxHosts(hosts)
                        .build());

        List<Observation> timeline = store.timeline("example.com");
        assertThat(timeline).hasSize(2).allSatisfy(observation -> {
            assertThat(observation.etag().orElseThrow())
                    .hasSizeLessThanOrEqualTo(200)
                    .startsWith("sha256:");
            assertThat(observation.mxHosts()).hasSize(100).startsWith("mx0.example.com");
            assertThat(observation.mxHosts().getLast()).contains("2901 more");
        });
        // The caps keep equality: the same huge ETag and MX set are the same state.
        assertThat(store.changes("example.com", 300)).hasSize(2);
        assertThat(timeline.get(0).etag()).isEqualTo(timeline.get(1).etag());
    }

    @Test
    void changesReadsABoundedHistoryWithTheNewestBodiesOnly() throws Exception {
        StoreSettings settings = freshSettings();
        JdbcHistoryStore store = open(settings);
        // 1,000 different policies, one an hour: every observation is a change.
        for (int day = 0; day < 1000; day++) {
            store.record(
                    "example.com",
                    ObservationBuilder.at(NOW.minus(Duration.ofHours(1000 - day)))
                            .id("d" + day)
                            .policy(POLICY + "n: " + day + "\n")
                            .build());
        }

        List<Observation> changes = store.changes("example.com", 300);

        assertThat(changes).hasSize(300);
        assertThat(changes.getFirst().recordId()).contains("d999");
        assertThat(changes.getLast().recordId()).contains("d700");
        assertThat(changes.stream().filter(observation -> observation.body().isPresent()))
                .hasSize(JdbcHistoryStore.BODIES_LOADED);
        assertThat(changes.subList(0, JdbcHistoryStore.BODIES_LOADED))
                .allSatisfy(observation -> assertThat(observation.body()).isPresent());
        assertThat(changes)
                .allSatisfy(observation -> assertThat(observation.bodySha256()).isPresent());
    }

    @Test
    void changesCondensesRunsOfTheSameStateToTheirFirstAndLastSighting() throws Exception {
        StoreSettings settings = freshSettings();
        JdbcHistoryStore store = open(settings);
        for (int day = 0; day < 30; day++) {
            store.record(
                    "example.com",
                    ObservationBuilder.at(NOW.plus(Duration.ofDays(day)))
                            .id(day < 10 ? "a" : day < 20 ? "b" : "a")
                            .policy(POLICY)
                            .build());
        }

        assertThat(store.changes("example.com", 300))
                .extracting(observation -> observation.checkedAt())
                .containsExactly(
                        NOW.plus(Duration.ofDays(29)),
                        NOW.plus(Duration.ofDays(20)),
                        NOW.plus(Duration.ofDays(19)),
                        NOW.plus(Duration.ofDays(10)),
                        NOW.plus(Duration.ofDays(9)),
                        NOW);
    }

    @Test
    void observationsWrittenBeforeTheStateHashGetOneWhenTheStoreOpens() throws Exception {
        StoreSettings settings = freshSettings();
        JdbcHistoryStore store = open(settings);
        for (int day = 0; day < 5; day++) {
            store.record(
                    "example.com",
                    ObservationBuilder.at(NOW.plus(Duration.ofDays(day)))
                            .id("a")
                            .build());
        }
        try (Connection connection = connect(settings);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE mtasts_observation SET state_sha256 = NULL");
        }

        JdbcHistoryStore reopened = open(settings);

        try (Connection connection = connect(settings);
                Statement statement = connection.createStatement();
                ResultSet result =
                        statement.executeQuery("SELECT COUNT(*) FROM mtasts_observation WHERE state_sha256 IS NULL")) {
            result.next();
            assertThat(result.getLong(1)).isZero();
        }
        assertThat(reopened.changes("example.com", 300)).hasSize(2);
    }

    @Test
    void timesAreKeptToTheMicrosecond() throws Exception {
        JdbcHistoryStore store = open(freshSettings());
        Instant precise = Instant.parse("2026-11-28T12:00:00.123456789Z");

        store.record("example.com", ObservationBuilder.at(precise).build());

        assertThat(store.timeline("example.com"))
                .singleElement()
                .extracting(Observation::checkedAt)
                .isEqualTo(Instant.parse("2026-11-28T12:00:00.123456Z"));
    }

    @Test
    void retentionDeletesOldObservationsAndTheBodiesOnlyTheyUsed() throws Exception {
        StoreSettings settings = freshSettings().withRetentionDays(30);
        JdbcHistoryStore store = open(settings);
        Observation old = ObservationBuilder.at(NOW.minus(Duration.ofDays(40)))
                .id("old")
                .policy(POLICY.replace("enforce", "testing"))
                .build();
        Observation shared = ObservationBuilder.at(NOW.minus(Duration.ofDays(35)))
                .id("shared")
                .policy(POLICY)
                .build();
        Observation recent = ObservationBuilder.at(NOW.minus(Duration.ofDays(1)))
                .id("recent")
                .policy(POLICY)
                .build();
        store.record("example.com", old);
        store.record("example.com", shared);
        store.record("example.com", recent);

        int deleted = store.prune();

        assertThat(deleted).isEqualTo(2);
        assertThat(store.timeline("example.com")).containsExactly(recent);
        assertThat(count(settings, "mtasts_policy_body")).isEqualTo(1);
    }

    @Test
    void retentionIsAppliedWhenTheStoreOpensAndAsItWrites() throws Exception {
        StoreSettings settings = freshSettings().withRetentionDays(30);
        JdbcHistoryStore first = open(settings);
        first.record(
                "example.com",
                ObservationBuilder.at(NOW.minus(Duration.ofDays(29))).id("1").build());
        first.close();

        clock.set(NOW.plus(Duration.ofDays(2)));
        JdbcHistoryStore reopened = open(settings);
        assertThat(reopened.timeline("example.com")).isEmpty();

        reopened.record("example.com", ObservationBuilder.at(NOW).id("2").build());
        clock.set(NOW.plus(Duration.ofDays(40)));
        reopened.record(
                "example.com",
                ObservationBuilder.at(NOW.plus(Duration.ofDays(40))).id("3").build());
        assertThat(reopened.timeline("example.com"))
                .extracting(observation -> observation.recordId().orElseThrow())
                .containsExactly("3");
    }

    @Test
    void historySurvivesClosingAndReopening() throws Exception {
        StoreSettings settings = freshSettings();
        JdbcHistoryStore first = open(settings);
        Observation observation =
                ObservationBuilder.at(NOW).id("1").policy(POLICY).build();
        first.record("example.com", observation);
        first.close();

        JdbcHistoryStore second = open(settings);

        assertThat(second.timeline("example.com")).containsExactly(observation);
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        StoreSettings settings = freshSettings();
        JdbcHistoryStore store = open(settings);
        JdbcHistoryStore other = open(settings);
        int writers = 8;
        int each = 25;
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            JdbcHistoryStore target = writer % 2 == 0 ? store : other;
            int number = writer;
            tasks.add(() -> {
                for (int index = 0; index < each; index++) {
                    // Every writer inserts the same new bodies at the same time: the races the store must absorb.
                    target.record(
                            "example.com",
                            ObservationBuilder.at(NOW.plusMillis(number * 1000L + index))
                                    .id("w" + number)
                                    .policy(POLICY + "n: " + index + "\n")
                                    .build());
                }
                return null;
            });
        }
        try (ExecutorService executor = Executors.newFixedThreadPool(writers)) {
            for (Future<Void> future : executor.invokeAll(tasks)) {
                future.get();
            }
        }

        assertThat(store.timeline("example.com")).hasSize(writers * each);
        assertThat(count(settings, "mtasts_policy_body")).isEqualTo(each);
    }

    @Test
    void recordAllStoresABatchAsRecordWouldOneByOne() throws Exception {
        StoreSettings settings = freshSettings();
        JdbcHistoryStore store = open(settings);
        Observation first = ObservationBuilder.at(NOW).id("1").policy(POLICY).build();
        Observation sameAgain = ObservationBuilder.at(NOW.plusSeconds(60))
                .id("1")
                .policy(POLICY)
                .build();
        Observation other = ObservationBuilder.at(NOW).id("x").build();

        store.recordAll(List.of(
                new HistoryStore.Entry("example.com", first),
                new HistoryStore.Entry("example.org", other),
                // unchanged within the hour, even inside one batch: not stored again
                new HistoryStore.Entry("Example.COM.", sameAgain)));

        assertThat(store.timeline("example.com")).containsExactly(first);
        assertThat(store.timeline("example.org")).containsExactly(other);
        assertThat(count(settings, "mtasts_policy_body")).isEqualTo(1);
    }

    @Test
    void aBulkRunThroughTheWriteBehindQueueStoresEveryDomainsObservation() throws Exception {
        StoreSettings settings = freshSettings();
        int domains = 600;
        // a small queue and batches: writers wait for room, and the writer commits many at once
        WriteBehindHistoryStore queued = new WriteBehindHistoryStore(JdbcHistoryStore.open(settings, clock), 32, 16);
        try (ExecutorService executor = Executors.newFixedThreadPool(16)) {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int index = 0; index < domains; index++) {
                int number = index;
                tasks.add(() -> {
                    String domain = "d" + number + ".example";
                    assertThat(queued.changes(domain, 10)).isEmpty();
                    queued.record(
                            domain,
                            ObservationBuilder.at(NOW)
                                    .id("r" + number)
                                    .policy(POLICY)
                                    .build());
                    return null;
                });
            }
            for (Future<Void> future : executor.invokeAll(tasks)) {
                future.get();
            }
        }
        // a read of a domain whose observation may still be queued sees it
        assertThat(queued.timeline("d599.example")).hasSize(1);
        queued.close();

        assertThat(queued.failures()).isZero();
        assertThat(count(settings, "mtasts_observation")).isEqualTo(domains);
        JdbcHistoryStore reopened = open(settings);
        for (int index = 0; index < domains; index++) {
            assertThat(reopened.timeline("d" + index + ".example"))
                    .singleElement()
                    .satisfies(observation -> assertThat(observation.recordId()).isPresent());
        }
    }

    @Test
    void describeNamesTheStoreWithoutSecrets() throws Exception {
        StoreSettings settings = freshSettings();
        JdbcHistoryStore store = open(settings);

        assertThat(store.describe())
                .doesNotContain("password")
                .doesNotContain(settings.password().orElse("\u0000"));
    }

    final long count(StoreSettings settings, String table) throws Exception {
        try (Connection connection = connect(settings);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError("cannot count " + table, e);
        }
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
