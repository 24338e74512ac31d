package dev.mtasts.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.Report;
import dev.mtasts.core.history.StoredReport;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.Remediation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each domain's latest full report (migration V300), kept beside the history for the web permalink. */
final class TestLatestReportStore {
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path directory;

    @Test
    void theNewestReportOfEachDomainIsKeptAsTextAndJson() {
        try (JdbcHistoryStore history = JdbcHistoryStore.open(StoreSettings.embedded(directory), Clock.systemUTC())) {
            LatestReportStore store = LatestReportStore.over(history);
            assertThat(store.latestReport("example.com")).isEmpty();

            store.recordReport(report("example.com", T0, "first <b>finding</b>"));
            store.recordReport(report("example.com", T0.plusSeconds(60), "second finding"));
            store.recordReport(report("example.org", T0, "other domain"));
            // A check that finished late does not replace a newer report.
            store.recordReport(report("example.com", T0.plusSeconds(30), "late finding"));

            StoredReport latest = store.latestReport("example.com").orElseThrow();
            assertThat(latest.checkedAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(latest.status()).isEqualTo("warn");
            assertThat(latest.text())
                    .contains("MTA-STS report for example.com")
                    .contains("second finding")
                    .contains("Publish a TLS-RPT record"); // the remediation
            assertThat(latest.json()).contains("\"domain\":\"example.com\"");
            assertThat(store.latestReport("example.org").orElseThrow().text()).contains("other domain");
        }
    }

    @Test
    void retentionRemovesLatestReportsOlderThanTheHistoryKeeps() {
        Instant now = Instant.parse("2027-06-01T00:00:00Z");
        StoreSettings settings = StoreSettings.embedded(directory); // default retention
        try (JdbcHistoryStore history = JdbcHistoryStore.open(settings, Clock.fixed(now, java.time.ZoneOffset.UTC))) {
            LatestReportStore store = LatestReportStore.over(history);
            store.recordReport(
                    report("stale.example", now.minus(java.time.Duration.ofDays(settings.retentionDays() + 1)), "old"));
            store.recordReport(report("fresh.example", now.minus(java.time.Duration.ofDays(1)), "recent"));

            history.prune();

            assertThat(store.latestReport("stale.example")).isEmpty();
            assertThat(store.latestReport("fresh.example")).isPresent();
        }
    }

    @Test
    void itSurvivesAReopenAndLeavesTheHistoryToTheStoreItWraps() {
        try (JdbcHistoryStore history = JdbcHistoryStore.open(StoreSettings.embedded(directory), Clock.systemUTC())) {
            LatestReportStore.over(history).recordReport(report("example.com", T0, "kept"));
        }
        try (JdbcHistoryStore history = JdbcHistoryStore.open(StoreSettings.embedded(directory), Clock.systemUTC())) {
            LatestReportStore store = LatestReportStore.over(history);
            assertThat(store.latestReport("example.com").orElseThrow().text()).contains("kept");
            assertThat(store.describe()).isEqualTo(history.describe());
            assertThat(store.timeline("example.com")).isEmpty();
        }
    }

    private static Report report(String domain, Instant at, String message) {
        return new Report(
                domain,
                domain,
                at,
                Duration.ofMillis(100),
                Optional.empty(),
                List.of(CheckReport.completed(
                        "tls-rpt",
                        "TLS-RPT record",
                        Duration.ofMillis(5),
                        List.of(Finding.warn(
                                "tlsrpt-record-missing",
                                message,
                                new Remediation(
                                        "Publish a TLS-RPT record", FixTime.of(Duration.ofMinutes(10), "10 min")))))));
    }
}
