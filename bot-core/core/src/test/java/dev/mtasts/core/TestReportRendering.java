package dev.mtasts.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.Remediation;
import dev.mtasts.spi.SenderView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestReportRendering {
    private static final Report REPORT = new Report(
            "example.com",
            "Postmaster@Example.com",
            Instant.parse("2026-11-28T12:00:00Z"),
            Duration.ofMillis(321),
            Optional.of(new SenderView(
                    SenderView.Outcome.VALID,
                    "Senders apply the policy in enforce mode.",
                    Optional.of(new SenderView.Policy("20261128", "enforce", 604800, List.of("mx1.example.com"))))),
            List.of(
                    CheckReport.completed(
                            "dns-record",
                            "MTA-STS DNS record",
                            Duration.ofMillis(12),
                            List.of(Finding.pass("sts-record-valid", "One valid record.")
                                    .withEvidence("v=STSv1; id=20261128"))),
                    CheckReport.completed(
                            "mx-sync",
                            "MX hosts vs policy",
                            Duration.ofMillis(30),
                            List.of(Finding.fail(
                                            "mx-not-covered",
                                            "mx2.example.com is not covered.",
                                            new Remediation(
                                                    "Add this line:\nmx: mx2.example.com\nthen bump the id.",
                                                    FixTime.of(
                                                            Duration.ofMinutes(10),
                                                            Duration.ofHours(1),
                                                            "10 min change + id bump")))
                                    .withEvidence("MX 20 mx2.example.com\u001b[31m"))),
                    CheckReport.skipped("tls-rpt", "TLS-RPT record", Duration.ZERO, "not asked")));

    @Test
    void jsonFollowsTheContract() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportJson.toLine(REPORT));

        assertThat(json.path("domain").asText()).isEqualTo("example.com");
        assertThat(json.path("input").asText()).isEqualTo("Postmaster@Example.com");
        assertThat(json.path("status").asText()).isEqualTo("fail");
        assertThat(json.path("checkedAt").asText()).isEqualTo("2026-11-28T12:00:00Z");
        assertThat(json.path("durationMs").asLong()).isEqualTo(321);
        assertThat(json.path("sender").path("outcome").asText()).isEqualTo("valid");
        assertThat(json.path("policy").path("maxAge").asLong()).isEqualTo(604800);
        assertThat(json.path("checks")).hasSize(3);
        JsonNode pass = json.path("checks").get(0).path("findings").get(0);
        assertThat(pass.path("remediation").isNull()).isTrue();
        assertThat(pass.path("fixTime").isNull()).isTrue();
        JsonNode fail = json.path("checks").get(1).path("findings").get(0);
        assertThat(fail.path("severity").asText()).isEqualTo("fail");
        assertThat(fail.path("fixTime").asText()).isEqualTo("10 min change + id bump");
        assertThat(json.path("checks").get(2).path("status").asText()).isEqualTo("skip");
        assertThat(json.path("checks").get(2).path("skipReason").asText()).isEqualTo("not asked");
        assertThat(json.path("totalFixTime").asText())
                .isEqualTo("about 10 min of work, then up to 1 h for caches to expire");
    }

    @Test
    void plainTextHasNoEscapeCodesAndMakesControlCharactersVisible() {
        String text = new ReportText(false).render(REPORT);

        assertThat(text).doesNotContain("\u001b");
        assertThat(text).contains("MX 20 mx2.example.com\\u001b[31m");
        assertThat(text).contains("input: Postmaster@Example.com");
        assertThat(text).contains("fix: Add this line:\n             mx: mx2.example.com\n");
        assertThat(text).contains("skipped: not asked");
        assertThat(text).contains("Estimated fix time: about 10 min of work");
    }

    @Test
    void colourOnlyWhenAsked() {
        assertThat(new ReportText(true).render(REPORT)).contains("\u001b[31m");
    }

    @Test
    void fixTimesAddWorkAndOverlapWaits() {
        Optional<FixTime> total = FixTimes.total(List.of(
                FixTime.of(Duration.ofMinutes(5), Duration.ofHours(1), "a"),
                FixTime.of(Duration.ofMinutes(30), "b"),
                FixTime.of(Duration.ofMinutes(10), Duration.ofDays(7), "c")));

        assertThat(total).hasValueSatisfying(fixTime -> {
            assertThat(fixTime.work()).isEqualTo(Duration.ofMinutes(45));
            assertThat(fixTime.waiting()).isEqualTo(Duration.ofDays(7));
            assertThat(fixTime.text()).isEqualTo("about 45 min of work, then up to 7 d for caches to expire");
        });
        assertThat(FixTimes.total(List.of())).isEmpty();
        assertThat(FixTimes.human(Duration.ofDays(14))).isEqualTo("2 weeks");
        assertThat(FixTimes.human(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
    }
}
