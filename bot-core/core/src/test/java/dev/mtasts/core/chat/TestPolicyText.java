package dev.mtasts.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mtasts.core.CheckReport;
import dev.mtasts.core.Report;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.FixTime;
import dev.mtasts.spi.Remediation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestPolicyText {
    private static final CheckReport FETCH_FAILED = CheckReport.completed(
            "policy-fetch",
            "Policy fetch",
            Duration.ZERO,
            List.of(Finding.fail(
                    "policy-fetch-status",
                    "https://mta-sts.example.com/.well-known/mta-sts.txt answered 404",
                    new Remediation("Serve the file", FixTime.of(Duration.ofMinutes(15), "15 min")))));

    @Test
    void theFetchedBodyIsShownWhateverItsValidity() {
        Report report = report(List.of(FETCH_FAILED), Optional.of("Mode: enforce\r\n<!channel>"));

        assertThat(PolicyText.from(report)).isEqualTo(new PolicyText.Fetched("Mode: enforce\r\n<!channel>"));
    }

    @Test
    void withoutABodyTheFetchVerdictSaysWhy() {
        assertThat(PolicyText.from(report(List.of(FETCH_FAILED), Optional.empty())))
                .isEqualTo(new PolicyText.Missing("https://mta-sts.example.com/.well-known/mta-sts.txt answered 404"));
        assertThat(PolicyText.from(report(List.of(), Optional.empty())))
                .isEqualTo(new PolicyText.Missing("this report read no policy file"));
    }

    @Test
    void theUrlIsTheRfcOne() {
        assertThat(PolicyText.url("example.com")).isEqualTo("https://mta-sts.example.com/.well-known/mta-sts.txt");
    }

    private static Report report(List<CheckReport> checks, Optional<String> body) {
        return new Report("example.com", "example.com", Instant.EPOCH, Duration.ZERO, Optional.empty(), checks, body);
    }
}
