package dev.mtasts.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.testing.MutableClock;
import dev.mtasts.tlsrpt.JdbcTlsRptStore.Outcome;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The report store's behaviour, the same on the embedded H2 database and on PostgreSQL. */
abstract class TlsRptStoreContract {
    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private final ReportParser parser = new ReportParser(ReportLimits.defaults());
    MutableClock clock;
    JdbcHistoryStore history;
    JdbcTlsRptStore store;

    abstract StoreSettings freshSettings() throws Exception;

    @BeforeEach
    void open() throws Exception {
        clock = new MutableClock(NOW);
        history = JdbcHistoryStore.open(freshSettings(), clock);
        store = new JdbcTlsRptStore(history.dataSource(), Duration.ofDays(365), clock);
    }

    @AfterEach
    void close() {
        history.close();
    }

    TlsRptReport report(String resource, String hint) {
        ParseResult result = parser.parse(
                new ByteArrayInputStream(Reports.resource(resource)),
                new ReportSource(resource, java.util.Optional.ofNullable(hint)));
        return ((ParseResult.Parsed) result).report();
    }

    private List<StoredPolicy> all() {
        return store.policies("example.com", Instant.parse("2026-01-01T00:00:00Z"), NOW);
    }

    @Test
    void storesAReportWithItsFailuresPerMxAndResultType() {
        assertThat(store.store(report("rfc-example.json", null), "rfc-example.json"))
                .isEqualTo(Outcome.STORED);

        List<StoredPolicy> policies = all();
        assertThat(policies).hasSize(1);
        StoredPolicy policy = policies.getFirst();
        assertThat(policy.organization()).isEqualTo("Company-X");
        assertThat(policy.start()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(policy.receivedAt()).isEqualTo(NOW);
        assertThat(policy.mxHosts()).containsExactly("mx1.example.com", "mx2.example.com");
        assertThat(policy.successful()).isEqualTo(5326);
        assertThat(policy.failed()).isEqualTo(303);
        assertThat(policy.failures())
                .containsExactly(
                        new StoredPolicy.Failure("certificate-expired", java.util.Optional.of("mx1.example.com"), 100),
                        new StoredPolicy.Failure(
                                "starttls-not-supported", java.util.Optional.of("mx2.example.com"), 200),
                        new StoredPolicy.Failure("validation-failure", java.util.Optional.of("mx2.example.com"), 3));
        assertThat(store.lastReceived("EXAMPLE.com")).contains(NOW);
        assertThat(store.lastReceived("other.example")).isEmpty();
    }

    @Test
    void aResentReportIsAcceptedAndCountedOnce() {
        assertThat(store.store(report("rfc-example.json", null), "a")).isEqualTo(Outcome.STORED);
        assertThat(store.store(report("rfc-example-resent.json", null), "b")).isEqualTo(Outcome.DUPLICATE);

        assertThat(all()).hasSize(1);
    }

    @Test
    void concurrentDeliveriesOfOneReportStoreItOnce() throws Exception {
        TlsRptReport report = report("rfc-example.json", null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Outcome>> tasks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                tasks.add(() -> store.store(report, "concurrent"));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : pool.invokeAll(tasks)) {
                outcomes.add(future.get());
            }
            assertThat(outcomes).containsOnlyOnce(Outcome.STORED);
        } finally {
            pool.shutdownNow();
        }
        assertThat(all()).hasSize(1);
    }

    @Test
    void keepsMarkupVerbatim() {
        store.store(report("markup.json", null), "markup.json");

        assertThat(all().getFirst().organization()).isEqualTo("<script>alert(1)</script> <!channel> @everyone");
    }

    @Test
    void selectsByDomainAndStartTime() {
        store.store(report("rfc-example.json", null), "a"); // 2026-11-20
        store.store(report("deviations.json", "example.com"), "b"); // 2026-11-21
        TlsRptReport org = report("deviations.json", "example.org");
        store.store(
                new TlsRptReport(
                        org.organization(), org.start(), org.end(), org.contactInfo(), "other", org.policies()),
                "c");

        assertThat(store.policies("example.com", Instant.parse("2026-11-21T00:00:00Z"), NOW))
                .extracting(StoredPolicy::organization)
                .containsExactly("Big Mailbox Provider");
        assertThat(store.policies("example.com", Instant.parse("2026-11-20T00:00:00Z"), NOW))
                .hasSize(2);
        assertThat(store.policies("example.org", Instant.parse("2026-11-01T00:00:00Z"), NOW))
                .hasSize(1);
    }

    @Test
    void retentionDeletesReportsThatEndedLongAgo() {
        clock.set(Instant.parse("2026-11-25T00:00:00Z"));
        store.store(report("rfc-example.json", null), "a"); // ended 2026-11-20T23:59:59Z
        JdbcTlsRptStore shortLived = new JdbcTlsRptStore(history.dataSource(), Duration.ofDays(10), clock);

        assertThat(shortLived.prune()).isZero();
        clock.set(Instant.parse("2026-11-30T23:59:58Z")); // ended 9 days 23:59:59 ago
        assertThat(shortLived.prune()).isZero();
        clock.set(Instant.parse("2026-12-01T00:00:00Z")); // ended more than 10 days ago
        assertThat(shortLived.prune()).isEqualTo(1);
        assertThat(all()).isEmpty();
        // and a report deleted by retention may be stored again
        assertThat(store.store(report("rfc-example.json", null), "again")).isEqualTo(Outcome.STORED);
    }
}
