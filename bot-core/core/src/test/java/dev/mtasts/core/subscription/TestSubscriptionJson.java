package dev.mtasts.core.subscription;

import static dev.mtasts.core.subscription.Fixtures.T0;
import static dev.mtasts.core.subscription.Fixtures.check;
import static dev.mtasts.core.subscription.Fixtures.fail;
import static dev.mtasts.core.subscription.Fixtures.healthy;
import static dev.mtasts.core.subscription.Fixtures.report;
import static dev.mtasts.core.subscription.Fixtures.sha;
import static dev.mtasts.core.subscription.Fixtures.skipped;
import static dev.mtasts.core.subscription.Fixtures.tlsRpt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mtasts.core.Report;
import dev.mtasts.spi.Finding;
import dev.mtasts.spi.SenderView;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestSubscriptionJson {
    @Test
    void stateReadsBackEqual() {
        DomainState state = new DomainState(
                T0,
                dev.mtasts.spi.Severity.WARN,
                Optional.of("20260301"),
                Optional.of("testing"),
                Optional.of(86400L),
                List.of("mx1.example.com", "*.mail.example.net"),
                Optional.of(DomainStates.sha256(sha('c'))),
                Optional.of(new DomainState.Observed(
                        List.of("mx1.example.com"),
                        List.of(new DomainState.Certificate("mta-sts.example.com", T0.plus(Duration.ofDays(9)))))),
                DomainState.TlsRpt.INVALID,
                List.of(new DomainState.FindingState(
                        "policy-fetch-slow", "policy-fetch", dev.mtasts.spi.Severity.WARN, "Took 5 s \"quoted\"")),
                List.of("policy-syntax"),
                List.of(
                        new DomainState.Reminder("mta-sts.example.com", Optional.of(T0.plus(Duration.ofDays(9))), T0),
                        new DomainState.Reminder("mx-cert-expiring", Optional.empty(), T0)));

        assertThat(SubscriptionJson.readState(SubscriptionJson.write(state))).isEqualTo(state);
    }

    @Test
    void minimalStateReadsBackEqual() {
        DomainState state = DomainStates.of(report(T0, Optional.empty()));

        assertThat(SubscriptionJson.readState(SubscriptionJson.write(state))).isEqualTo(state);
    }

    @Test
    void notificationWithItsWholeReportReadsBackEqual() {
        Report report = new Report(
                "example.com",
                "https://Example.com/",
                T0,
                Duration.ofMillis(1234),
                Optional.of(new SenderView(
                        SenderView.Outcome.FETCH_ERROR, "The fetch failed", Optional.empty(), Optional.of("abc"))),
                List.of(
                        check(
                                "policy-fetch",
                                fail("policy-fetch-timeout", "No answer").withEvidence("line 1\nline 2")),
                        skipped("policy-syntax"),
                        tlsRpt(
                                dev.mtasts.spi.Fact.TlsRptRecord.Publication.MISSING,
                                Finding.info("tlsrpt-record-missing", "No TLS-RPT"))));
        Notification notification = new Notification(
                "example.com",
                List.of(
                        new Change(
                                Change.Kind.NEW_PROBLEM,
                                Change.Level.ALERT,
                                Optional.of("policy-fetch-timeout"),
                                "none",
                                "fail",
                                Optional.of("No answer")),
                        Change.of(Change.Kind.STATUS, Change.Level.ALERT, "pass", "fail")),
                report);

        Notification read = SubscriptionJson.readNotification(SubscriptionJson.write(notification));

        assertThat(read).isEqualTo(notification);
        assertThat(read.report().checks().getFirst().findings().getFirst().remediation())
                .isEqualTo(report.checks().getFirst().findings().getFirst().remediation());
    }

    @Test
    void healthyReportWithPolicyReadsBackEqual() {
        Report report = Fixtures.withBody(healthy(T0, "7"), "version: STSv1\r\nmode: enforce\r\n");
        Notification notification = new Notification(
                "example.com", List.of(Change.of(Change.Kind.RECORD_ID, Change.Level.NOTICE, "6", "7")), report);

        assertThat(SubscriptionJson.readNotification(SubscriptionJson.write(notification)))
                .isEqualTo(notification);
    }

    @Test
    void unknownVersionOrGarbageIsAStoreError() {
        assertThatThrownBy(() -> SubscriptionJson.readState("{\"version\":2}"))
                .isInstanceOf(SubscriptionStoreException.class)
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> SubscriptionJson.readState("not json")).isInstanceOf(SubscriptionStoreException.class);
        assertThatThrownBy(() -> SubscriptionJson.readState("{\"version\":1}"))
                .isInstanceOf(SubscriptionStoreException.class)
                .hasMessageContaining("checkedAt");
    }
}
