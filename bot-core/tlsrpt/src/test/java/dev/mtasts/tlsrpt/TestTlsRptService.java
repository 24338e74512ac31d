package dev.mtasts.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.core.chat.TlsRptSummary;
import dev.mtasts.store.JdbcHistoryStore;
import dev.mtasts.store.StoreSettings;
import dev.mtasts.testing.MutableClock;
import dev.mtasts.testing.ObservationBuilder;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Import, summary and readiness end to end over the embedded database, with the hand-written reports. */
class TestTlsRptService {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final String GZ = "other.example!example.com!1795392000!1795478399.json.gz";

    @TempDir
    Path temporary;

    private JdbcHistoryStore history;
    private TlsRptService service;
    private MutableClock clock;

    @BeforeEach
    void open() {
        clock = new MutableClock(NOW);
        history = JdbcHistoryStore.open(StoreSettings.embedded(temporary.resolve("data")), clock);
        service = TlsRptService.over(history, 365, clock);
    }

    @AfterEach
    void close() {
        history.close();
    }

    private ImportOutcome file(String name, Optional<String> hint) {
        return service.accept(
                new ByteArrayInputStream(Reports.resource(name)),
                ReportSource.ofFileName(name).orHint(hint));
    }

    private void importAll() {
        assertThat(file("rfc-example.json", Optional.empty())).isInstanceOf(ImportOutcome.Stored.class);
        assertThat(file("deviations.json", Optional.of("example.com"))).isInstanceOf(ImportOutcome.Stored.class);
        assertThat(file("markup.json", Optional.empty())).isInstanceOf(ImportOutcome.Stored.class);
        assertThat(file(GZ, Optional.empty())).isInstanceOf(ImportOutcome.Stored.class);
        assertThat(service.acceptMessage(new ByteArrayInputStream(Reports.resource("mail-org.eml")), "mail-org.eml"))
                .singleElement()
                .isInstanceOf(ImportOutcome.Stored.class);
        ImportOutcome resent = file("rfc-example-resent.json", Optional.empty());
        assertThat(resent).isInstanceOf(ImportOutcome.Duplicate.class);
        assertThat(resent.line())
                .isEqualTo("already stored (counted once): example.com from Company-X, report"
                        + " 5065427c-23d3-47ca-b6e0-946ea0e8c4be, 5326 successful / 303 failed sessions");
        assertThat(file("not-a-report.json", Optional.empty()).line())
                .isEqualTo("rejected: not a TLS-RPT report: no organization-name");
    }

    @Test
    void chatReadsTheSameFiguresThroughTheCorePort() {
        importAll();

        dev.mtasts.core.chat.TlsRptSummary summary = new TlsRptChat(service).summary("example.com", 30);

        assertThat(summary.reports()).isEqualTo(5);
        assertThat(summary.organizations()).contains("<script>alert(1)</script> <!channel> @everyone", "Company-X");
        assertThat(summary.successful()).isEqualTo(6626);
        assertThat(summary.failed()).isEqualTo(314);
        assertThat(summary.failures().getFirst())
                .isEqualTo(new dev.mtasts.core.chat.TlsRptSummary.ResultTypeCount("starttls-not-supported", 200));
        assertThat(summary.byMx())
                .contains(new dev.mtasts.core.chat.TlsRptSummary.MxCount("mx2.example.com", 250, 207));
        assertThat(summary.readiness())
                .isInstanceOfSatisfying(
                        dev.mtasts.core.chat.Readiness.Blocked.class, blocked -> assertThat(blocked.reasons())
                                .singleElement()
                                .asString()
                                .startsWith("no check of example.com"));
    }

    @Test
    void summarisesEveryReportOnceWithExactFigures() throws Exception {
        importAll();

        TlsRptSummary summary = service.summary("example.com", 30, Optional.empty());

        assertThat(summary.from()).isEqualTo(LocalDate.of(2026, 11, 5));
        assertThat(summary.to()).isEqualTo(LocalDate.of(2026, 12, 4));
        JsonNode json = new ObjectMapper().readTree(TlsRptSummaryJson.toPrettyString(summary));
        JsonNode expected = new ObjectMapper().readTree("""
                {"domain": "example.com", "from": "2026-11-05", "to": "2026-12-04", "reports": 5,
                 "organizations": ["<script>alert(1)</script> <!channel> @everyone", "Big Mailbox Provider",
                                   "Company-X", "Mail Org", "Other Org"],
                 "sessions": {"successful": 6626, "failed": 314},
                 "failures": [{"resultType": "starttls-not-supported", "count": 200},
                              {"resultType": "certificate-expired", "count": 100},
                              {"resultType": "x-vendor-handshake-timeout", "count": 5},
                              {"resultType": "certificate-host-mismatch", "count": 4},
                              {"resultType": "validation-failure", "count": 3},
                              {"resultType": "sts-policy-fetch-error", "count": 2}],
                 "byMx": [{"mx": "*", "successful": 6336, "failed": 0},
                          {"mx": "mx1.example.com", "successful": 40, "failed": 107},
                          {"mx": "mx2.example.com", "successful": 250, "failed": 207}],
                 "enforceReadiness": {"ready": false, "reasons": [
                   "no check of example.com has seen a valid MTA-STS policy: check the domain first (its mode and MX hosts decide)"]}}
                """);
        assertThat(json).isEqualTo(expected);
        List<String> keys = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .containsExactly(
                        "domain",
                        "from",
                        "to",
                        "reports",
                        "organizations",
                        "sessions",
                        "failures",
                        "byMx",
                        "enforceReadiness");
    }

    @Test
    void readinessReadsThePolicyFromTheLatestObservation() {
        importAll();
        history.record(
                "example.com",
                ObservationBuilder.at(NOW.minus(Duration.ofHours(1)))
                        .policy("version: STSv1\nmode: testing\nmx: mx1.example.com\nmx: mx2.example.com\n"
                                + "mx: mx3.example.com\nmax_age: 604800\n")
                        .build());

        TlsRptSummary summary = service.summary("example.com", 30);

        assertThat(summary.readiness().ready()).isFalse();
        assertThat(summary.readiness().reasons())
                .startsWith("reports span 5 days; at least 28 are needed", "no report covers MX mx3.example.com")
                .anySatisfy(reason -> assertThat(reason).startsWith("100 sessions failed with certificate-expired"));
    }

    @Test
    void theWindowLeavesOlderReportsOut() {
        importAll();

        TlsRptSummary lastWeek = service.summary("example.com", 11, Optional.empty()); // 2026-11-24 .. 12-04

        assertThat(lastWeek.reports()).isEqualTo(1);
        assertThat(lastWeek.organizations()).containsExactly("Mail Org");
        assertThat(lastWeek.successful()).isEqualTo(250);
        assertThat(lastWeek.failed()).isEqualTo(4);
    }

    @Test
    void theTextSummaryMakesControlCharactersInert() {
        String hostile = Reports.report("Evil\\u001b[31m Org", "r1", "2026-12-01", "example.com", "");
        service.accept(new ByteArrayInputStream(Reports.utf8(hostile)), ReportSource.ofFileName("x.json"));

        String text = TlsRptSummaryText.render(service.summary("example.com", 30, Optional.empty()));

        assertThat(text).contains("from: Evil?[31m Org").doesNotContain("\u001b");
        assertThat(text).contains("sessions: 100 successful, 0 failed (0.00 % failed)");
    }

    @Test
    void newsComparesWhatArrivedLastDayWithTheWeekBefore() {
        String expired = ", \"failure-details\": [{\"result-type\": \"certificate-expired\","
                + " \"receiving-mx-hostname\": \"mx1.example.com\", \"failed-session-count\": 3}]";
        clock.set(NOW.minus(Duration.ofDays(3)));
        service.accept(
                new ByteArrayInputStream(
                        Reports.utf8(Reports.report("Org", "old", "2026-11-30", "example.com", expired))),
                ReportSource.ofFileName("old.json"));
        clock.set(NOW);
        // Yesterday's report arrives today: its period started more than a day ago, its arrival is what counts.
        String both = ", \"failure-details\": [{\"result-type\": \"certificate-host-mismatch\","
                + " \"receiving-mx-hostname\": \"mx2.example.com\", \"failed-session-count\": 1},"
                + " {\"result-type\": \"certificate-expired\", \"receiving-mx-hostname\": \"mx1.example.com\","
                + " \"failed-session-count\": 1}]";
        service.accept(
                new ByteArrayInputStream(
                        Reports.utf8(Reports.report("Org", "yesterday", "2026-12-03", "example.com", both))),
                ReportSource.ofFileName("y.json"));

        List<TlsRptNews.News> news = service.news("example.com", Duration.ofDays(1), 0.5);

        assertThat(news)
                .singleElement()
                .isEqualTo(new TlsRptNews.NewResultType(
                        "certificate-host-mismatch",
                        1,
                        List.of("mx2.example.com"),
                        List.of("mx2.example.com presents a certificate that does not name it: reissue the certificate"
                                + " with mx2.example.com in its subject alternative names")));
        assertThat(service.lastReceived("example.com")).contains(NOW);
    }
}
